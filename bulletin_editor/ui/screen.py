"""Windows and dialogs sized to the screen they open on. Office PCs have 1366×768 screens, or
1920×1080 ones at 150 % scaling (1280×720 logical pixels), with a taskbar below."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# A window's title bar and borders lie outside its size: Windows 10/11 at 100 %, in logical pixels.
FRAME = QSize(16, 39)


def available_area(widget: QWidget) -> QRect:
    """The part of the widget's screen (or the main screen) that the taskbar leaves free."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize `widget` to width×height, or less where that with its frame would not fit the screen."""
    area = available_area(widget).size() - FRAME
    widget.resize(min(width, area.width()), min(height, area.height()))
