"""Bulletin Editor (周报编辑器): compile, archive and export 窗口工作周报."""

import functools


@functools.cache  # `from . import __version__` asks twice
def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("bulletin-editor")
    except metadata.PackageNotFoundError:  # a source tree that was never installed
        import tomllib
        from pathlib import Path

        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]


def __getattr__(name: str) -> str:
    # Computed on first use: importlib.metadata costs start-up time on every command.
    if name == "__version__":
        return _version()
    raise AttributeError(name)
