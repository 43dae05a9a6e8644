"""Errors meant for the user: the message is Chinese, complete, and shown as it is."""


class BulletinError(Exception):
    """A failure the user can act on; the command line prints it, the editor shows it."""


class Cancelled(Exception):
    """The user stopped long work; raised from its progress callback, never shown."""
