"""The top of the entry pane: the closed-run banner, the case title and the result's state."""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.store import OutboxState, ResultRow, TestCaseDetail
from app.ui.icons import icon
from app.ui.theme import SPACING, status_colour

CLOSED_RUN_MESSAGE = "This run is closed, so its results can't be changed."
_PARKED_WORDS = {
    OutboxState.REJECTED: "refused by the server",
    OutboxState.CONFLICT: "in conflict with the server",
    OutboxState.WAITING_SUPPORT: "waiting for server support",
}


class ClosedRunBanner(QWidget):
    """A calm, full-width notice with a lock icon, shown for closed runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("closedRunBanner")
        self._icon = QLabel(self)
        self.text_label = QLabel(CLOSED_RUN_MESSAGE, self)
        self.text_label.setObjectName("closedRunMessage")
        self.text_label.setWordWrap(True)
        self.setAccessibleName(CLOSED_RUN_MESSAGE)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(SPACING * 3 // 2, SPACING, SPACING * 3 // 2, SPACING)
        layout.setSpacing(SPACING)
        layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text_label, 1)
        self._restyle()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "_icon"):
            self._restyle()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1.0))
        painter.setBrush(palette.color(QPalette.ColorRole.AlternateBase))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        painter.end()

    def _restyle(self) -> None:
        self._icon.setPixmap(icon("lock", self.palette()).pixmap(18, 18))


class ResultHeader(QWidget):
    """The case title, what it is, and where the result stands (status, tester, when)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: ResultRow | None = None
        self.banner = ClosedRunBanner(self)
        self.banner.hide()
        self.title_label = _selectable_label("resultTitle", "Test case title")
        title_font = QFont(self.title_label.font())
        if title_font.pointSizeF() > 0:
            title_font.setPointSizeF(title_font.pointSizeF() * 1.3)
        title_font.setWeight(QFont.Weight.DemiBold)
        self.title_label.setFont(title_font)
        self.case_label = _selectable_label("resultCase", "Test case details")
        self.state_label = _selectable_label("resultState", "Result status")
        self.state_label.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING // 2)
        layout.addWidget(self.banner)
        layout.addSpacing(SPACING // 2)
        layout.addWidget(self.title_label)
        layout.addWidget(self.case_label)
        layout.addWidget(self.state_label)

    def show_case(self, case: TestCaseDetail) -> None:
        self.title_label.setText(case.title)
        details = [case.id, case.priority, case.type]
        self.case_label.setText(" · ".join(part for part in details if part))

    def show_result(self, result: ResultRow) -> None:
        self._result = result
        self._render_state()

    def set_read_only(self, read_only: bool) -> None:
        self.banner.setVisible(read_only)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "state_label"):
            self._render_state()

    def _render_state(self) -> None:
        if self._result is None:
            self.state_label.clear()
            return
        self.state_label.setText(describe_result(self._result, self.palette()))
        self.state_label.setAccessibleDescription(self.state_label.text())


def describe_result(result: ResultRow, palette: QPalette) -> str:
    """The result's status, tester, time and delivery, as rich text with a coloured dot."""
    colour = status_colour(result.status, palette).name()
    parts = [f"<span style='color:{colour}'>&#9679;</span>&nbsp;<b>{result.status.label}</b>"]
    if result.tested_by:
        parts.append(f"by {escape(result.tested_by)}")
    when = result.executed_at or result.tested_at
    if when is not None:
        parts.append(_when(when))
    if result.parked_state is not None:
        parts.append(_PARKED_WORDS.get(result.parked_state, "not delivered"))
    elif result.undelivered:
        parts.append("saved here, waiting to sync")
    return " · ".join(parts)


def _when(moment: datetime) -> str:
    local = moment.astimezone()
    return f"{local.day} {local:%b %Y, %H:%M}"


def _selectable_label(name: str, accessible: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setAccessibleName(accessible)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
