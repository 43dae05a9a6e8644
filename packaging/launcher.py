"""The frozen program's entry point (PyInstaller needs a script, not a package's __main__)."""

from bulletin_editor.cli import main

raise SystemExit(main())
