"""The desktop editor (PySide6). Everything that imports Qt lives in this package."""
