"""Errors meant for the user: the message is Chinese, complete, and shown as it is."""


class BulletinError(Exception):
    """A failure the user can act on; the command line prints it, the editor shows it."""
