"""Colours and palettes: status colours that read well on light and dark backgrounds.

Custom widgets paint from `palette()` and these helpers, and repaint on a palette change, so
a theme switch needs nothing but a new application palette (see `apply_theme`).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QWidget,
)

from app.domain import ResultStatus

STATUS_ORDER: tuple[ResultStatus, ...] = (
    ResultStatus.PASSED,
    ResultStatus.FAILED,
    ResultStatus.BLOCKED,
    ResultStatus.RETEST,
    ResultStatus.NOT_TESTED,
)
"""The order statuses appear in everywhere: bars, buttons, filters, legends."""

STATUS_SHORTCUTS: dict[ResultStatus, str] = {
    ResultStatus.PASSED: "P",
    ResultStatus.FAILED: "F",
    ResultStatus.BLOCKED: "B",
    ResultStatus.RETEST: "R",
    ResultStatus.NOT_TESTED: "N",
}
"""The single key that sets each status in the result entry pane."""

_LIGHT: dict[ResultStatus, str] = {
    ResultStatus.PASSED: "#2e9d4f",
    ResultStatus.FAILED: "#d93a3a",
    ResultStatus.BLOCKED: "#6b5bd2",
    ResultStatus.RETEST: "#e08a00",
    ResultStatus.NOT_TESTED: "#b3b8bf",
}
_DARK: dict[ResultStatus, str] = {
    ResultStatus.PASSED: "#4cc26f",
    ResultStatus.FAILED: "#f06262",
    ResultStatus.BLOCKED: "#9a8cf0",
    ResultStatus.RETEST: "#f2a93b",
    ResultStatus.NOT_TESTED: "#5c636b",
}

_PLATFORM_STYLE = "testdeckPlatformStyle"

SPACING = 8
"""The base unit of margins and gaps, in device-independent pixels."""


def is_dark(palette: QPalette) -> bool:
    """Whether `palette` draws light text on a dark window."""
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def status_colour(status: ResultStatus, palette: QPalette) -> QColor:
    """The fill colour of `status` for a widget painted with `palette`."""
    table = _DARK if is_dark(palette) else _LIGHT
    return QColor(table[status])


def text_on(colour: QColor) -> QColor:
    """Black or white, whichever reads better on `colour`."""
    luminance = 0.299 * colour.redF() + 0.587 * colour.greenF() + 0.114 * colour.blueF()
    return QColor("#111111") if luminance > 0.6 else QColor("#ffffff")


def apply_theme(application: QApplication, theme: str) -> None:
    """Switch the application to `theme`: "system", "light" or "dark".

    Platforms without a theme plugin (offscreen, Xvfb, bare window managers) ignore colour
    scheme requests, so light and dark use the Fusion style with an explicit palette.
    "system" keeps the platform's own style and palette.
    """
    platform_style = _remember_platform_style(application)
    if theme == "system":
        application.setStyle(QStyleFactory.create(platform_style))
        application.setPalette(application.style().standardPalette())
        return
    if theme == "dark":
        application.setStyle(DarkFusionStyle())
        application.setPalette(dark_palette())
        return
    application.setStyle(QStyleFactory.create("Fusion"))
    application.setPalette(light_palette())


class DarkFusionStyle(QProxyStyle):
    """Fusion, with check boxes and radio buttons that stay visible on a dark palette.

    Fusion outlines them in the window colour made darker, which on a dark window is the
    colour of the list or form behind them: an unticked box vanishes. They are drawn with
    a lighter window colour instead (nothing else changes). Only the dark theme uses this
    style, so the light one keeps Fusion's speed.
    """

    _INDICATORS = (
        QStyle.PrimitiveElement.PE_IndicatorCheckBox,
        QStyle.PrimitiveElement.PE_IndicatorRadioButton,
    )

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))

    def drawPrimitive(  # noqa: N802 - Qt's name
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element in self._INDICATORS and is_dark(option.palette):
            option = type(option)(option)
            palette = QPalette(option.palette)
            palette.setColor(QPalette.ColorRole.Window, QColor(INDICATOR_OUTLINE_SOURCE))
            option.palette = palette
        super().drawPrimitive(element, option, painter, widget)


INDICATOR_OUTLINE_SOURCE = "#aab3bd"
"""Fusion darkens the window colour by 40 % for an indicator's outline: this gives ~#798088."""


def light_palette() -> QPalette:
    """Fusion's own light palette with a calm blue highlight."""
    palette = QStyleFactory.create("Fusion").standardPalette()
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#2f6fde"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    return palette


def dark_palette() -> QPalette:
    """A dark palette with enough contrast for long sessions."""
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#24272b",
        QPalette.ColorRole.WindowText: "#e6e8eb",
        QPalette.ColorRole.Base: "#1b1d20",
        QPalette.ColorRole.AlternateBase: "#222529",
        QPalette.ColorRole.ToolTipBase: "#2f3338",
        QPalette.ColorRole.ToolTipText: "#e6e8eb",
        QPalette.ColorRole.PlaceholderText: "#8a9199",
        QPalette.ColorRole.Text: "#e6e8eb",
        QPalette.ColorRole.Button: "#2d3136",
        QPalette.ColorRole.ButtonText: "#e6e8eb",
        QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.Light: "#3a3f45",
        QPalette.ColorRole.Midlight: "#33373c",
        QPalette.ColorRole.Mid: "#4a5057",
        QPalette.ColorRole.Dark: "#151719",
        QPalette.ColorRole.Shadow: "#0c0d0e",
        QPalette.ColorRole.Highlight: "#3d7be0",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#78a9ff",
        QPalette.ColorRole.LinkVisited: "#b494ff",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(disabled, role, QColor("#6c737b"))
    return palette


def _remember_platform_style(application: QApplication) -> str:
    """The style the platform chose at start-up, kept on the application object."""
    remembered = application.property(_PLATFORM_STYLE)
    if isinstance(remembered, str) and remembered:
        return remembered
    name = application.style().name()
    application.setProperty(_PLATFORM_STYLE, name)
    return name
