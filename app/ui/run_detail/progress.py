"""The run's progress at a glance: a stacked status bar and a legend of counts."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPainterPath, QPaintEvent, QPalette
from PySide6.QtWidgets import QProgressBar, QSizePolicy, QWidget

from app.domain import RunSummary
from app.ui.theme import SPACING, STATUS_ORDER, status_colour

BAR_HEIGHT = 8
DOT_SIZE = 8


class RunProgressBar(QProgressBar):
    """Tested out of total, painted as one rounded bar split by status colour.

    It stays a real `QProgressBar` (value = tested, maximum = total), so assistive tools
    read it as progress; only its painting is our own.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._summary = RunSummary()
        self.setObjectName("runProgress")
        self.setAccessibleName("Run progress")
        self.setTextVisible(False)
        self.setFixedHeight(BAR_HEIGHT + 4)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.set_summary(self._summary)

    def set_summary(self, summary: RunSummary) -> None:
        if summary == self._summary and self.toolTip():
            return
        self._summary = summary
        # Setting the value repaints at once; hold that off and repaint once, later.
        self.setUpdatesEnabled(False)
        self.setRange(0, max(summary.total, 1))
        self.setValue(summary.tested)
        self.setUpdatesEnabled(True)
        description = f"{summary.tested:,} of {summary.total:,} results tested"
        self.setToolTip(description)
        self.setAccessibleDescription(description)
        self.update()

    def summary(self) -> RunSummary:
        return self._summary

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        track = QRectF(self.rect()).adjusted(0, 2, 0, -2)
        radius = track.height() / 2
        clip = QPainterPath()
        clip.addRoundedRect(track, radius, radius)
        painter.setClipPath(clip)
        painter.fillRect(track, self._track_colour())
        total = self._summary.total
        left = track.left()
        for status in STATUS_ORDER[:-1]:  # "not tested" is the empty track
            count = self._summary.count(status)
            if not count or not total:
                continue
            width = track.width() * count / total
            painter.fillRect(QRectF(left, track.top(), width, track.height()),
                             status_colour(status, self.palette()))  # fmt: skip
            left += width
        painter.end()

    def _track_colour(self) -> QColor:
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        mid = palette.color(QPalette.ColorRole.Mid)
        return base.darker(108) if base.lightnessF() > 0.5 else mid.darker(140)


class StatusCountsLegend(QWidget):
    """Counts per status, each after a small dot in its colour: "● Passed 12  ● Failed 3"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._summary = RunSummary()
        self._items: list[tuple[QColor, str, int]] | None = None
        self.setObjectName("statusCounts")
        self.setAccessibleName("Results per status")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_summary(self, summary: RunSummary) -> None:
        if summary == self._summary and self.accessibleDescription():
            return
        self._summary = summary
        self._items = None
        description = ", ".join(
            f"{status.label} {summary.count(status):,}" for status in STATUS_ORDER
        )
        self.setAccessibleDescription(description)
        self.setToolTip(description)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        width = sum(item_width for _colour, _text, item_width in self._laid_out())
        return QSize(width, QFontMetrics(self.font()).height() + 4)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(0, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        middle = self.height() / 2
        left = 0.0
        for colour, text, width in self._laid_out():
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawEllipse(QRectF(left, middle - DOT_SIZE / 2, DOT_SIZE, DOT_SIZE))
            painter.setPen(text_colour)
            text_left = left + DOT_SIZE + SPACING // 2
            box = QRectF(text_left, 0, width - (text_left - left), self.height())
            painter.drawText(box, Qt.AlignmentFlag.AlignVCenter, text)
            left += width
        painter.end()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._items = None
            self.updateGeometry()
            self.update()
        super().changeEvent(event)

    def _laid_out(self) -> list[tuple[QColor, str, int]]:
        """(dot colour, text, width) per status, measured once per summary, font and palette."""
        if self._items is None:
            metrics = QFontMetrics(self.font())
            self._items = []
            for status in STATUS_ORDER:
                text = f"{status.label} {self._summary.count(status):,}"
                width = DOT_SIZE + SPACING // 2 + metrics.horizontalAdvance(text) + 2 * SPACING
                self._items.append((status_colour(status, self.palette()), text, width))
        return self._items
