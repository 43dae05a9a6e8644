"""Font metrics for the pagination model, measured by Qt with the fonts that print here.

An official font that is not installed is measured in the substitute Word would take
(`fonts.FALLBACKS`); where none is installed either, in whatever the system substitutes.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF

from .fonts import ALIASES, FALLBACKS

# Measured at a large size and scaled: hinting at small pixel sizes would round the advances.
_PIXELS = 1000


class QtFontMetrics:
    """`model.pagination.FontMetrics` from QFontMetricsF; needs a QGuiApplication."""

    def __init__(self) -> None:
        self._families = set(QFontDatabase.families())
        self._metrics: dict[str, QFontMetricsF] = {}
        self._advances: dict[tuple[str, str], float] = {}

    def family(self, font: str) -> str:
        """The family that prints for an official font name."""
        for name in (font, *FALLBACKS.get(font, ())):
            for candidate in (name, *ALIASES.get(name, ())):
                if candidate in self._families:
                    return candidate
        return font

    def _font_metrics(self, font: str) -> QFontMetricsF:
        metrics = self._metrics.get(font)
        if metrics is None:
            qfont = QFont(self.family(font))
            qfont.setPixelSize(_PIXELS)
            qfont.setKerning(False)
            qfont.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
            metrics = self._metrics[font] = QFontMetricsF(qfont)
        return metrics

    def advance(self, font: str, char: str) -> float:
        key = (font, char)
        width = self._advances.get(key)
        if width is None:
            width = self._advances[key] = self._font_metrics(font).horizontalAdvance(char) / _PIXELS
        return width

    def height(self, font: str) -> float:
        metrics = self._font_metrics(font)
        return (metrics.ascent() + metrics.descent()) / _PIXELS


def application_metrics() -> QtFontMetrics:
    """Metrics for a program without a window (the command line): starts Qt's font system."""
    import os
    import sys

    # A QApplication, not a bare QGuiApplication: the process may open windows after the
    # command (the tests run commands in-process), and widgets need the full application.
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        headless = sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        )
        if headless:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        global _application
        _application = QApplication([sys.argv[0] if sys.argv else "bulletin-editor"])
    return QtFontMetrics()


_application = None
