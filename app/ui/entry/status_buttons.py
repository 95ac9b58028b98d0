"""Five equal status buttons in a row, each painted with its status colour and its key."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from app.domain import ResultStatus
from app.ui.theme import SPACING, STATUS_ORDER, STATUS_SHORTCUTS, status_colour, text_on

_RADIUS = 6.0
_ARROW_STEPS = {Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1}


def status_object_name(status: ResultStatus) -> str:
    """`statusPassed`, `statusNotTested`, ...: the stable name of a status button."""
    words = status.value.split("_")
    return "status" + "".join(word.capitalize() for word in words)


class StatusButton(QPushButton):
    """A checkable button for one status: its label over its key, a colour accent when idle,
    filled with the status colour when it is the result's current status."""

    arrow_pressed = Signal(int)
    """Left/Up (-1) or Right/Down (+1) was pressed while the button had the focus."""

    def __init__(self, status: ResultStatus, parent: QWidget | None = None) -> None:
        self.status = status
        self.key = STATUS_SHORTCUTS[status]
        super().__init__(f"{status.label}  {self.key}", parent)
        self.setObjectName(status_object_name(status))
        self.setAccessibleName(f"Record {status.label}")
        self.setToolTip(f"Record this result as {status.label} ({self.key})")
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        # As wide as the widest label, so that the five buttons come out equal.
        metrics = QFontMetrics(self._label_font())
        widest = max(metrics.horizontalAdvance(status.label) for status in STATUS_ORDER)
        return QSize(widest + 2 * SPACING, self._height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        label_width = QFontMetrics(self._label_font()).horizontalAdvance(self.status.label)
        return QSize(label_width + SPACING, self._height())

    def _height(self) -> int:
        return 2 * self.fontMetrics().height() + SPACING + 6

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.isEnabled():
            painter.setOpacity(0.45)
        colour = status_colour(self.status, self.palette())
        frame = QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5)
        foreground = self._paint_body(painter, frame, colour)
        self._paint_text(painter, frame, foreground)
        if self.hasFocus():
            self._paint_focus(painter, frame)
        painter.end()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.PaletteChange:
            self.update()
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        step = _ARROW_STEPS.get(Qt.Key(event.key()))
        if step is None or event.modifiers() != Qt.KeyboardModifier.NoModifier:
            super().keyPressEvent(event)
            return
        self.arrow_pressed.emit(step)

    def _paint_body(self, painter: QPainter, frame: QRectF, colour: QColor) -> QColor:
        """The button's face; returns the colour its text is drawn in."""
        palette = self.palette()
        if self.isChecked():
            fill = QColor(colour)
            if self.isDown():
                fill = fill.darker(115)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(frame, _RADIUS, _RADIUS)
            return text_on(colour)
        fill = palette.color(QPalette.ColorRole.Button)
        if self.isDown() or self.underMouse():
            fill = _blend(fill, colour, 0.28 if self.isDown() else 0.14)
        border = QColor(colour)
        border.setAlphaF(0.8)
        painter.setPen(QPen(border, 1.2))
        painter.setBrush(fill)
        painter.drawRoundedRect(frame, _RADIUS, _RADIUS)
        accent = QRectF(frame.left() + 8, frame.top() + 4, frame.width() - 16, 3)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(accent, 1.5, 1.5)
        return palette.color(QPalette.ColorRole.ButtonText)

    def _paint_text(self, painter: QPainter, frame: QRectF, foreground: QColor) -> None:
        line = self.fontMetrics().height()
        top = frame.top() + (frame.height() - 2 * line) / 2 + 1
        painter.setPen(foreground)
        painter.setFont(self._label_font())
        label_rect = QRectF(frame.left(), top, frame.width(), line)
        painter.drawText(label_rect, Qt.AlignmentFlag.AlignCenter, self.status.label)
        key_colour = QColor(foreground)
        key_colour.setAlphaF(0.7)
        painter.setPen(key_colour)
        painter.setFont(self._key_font())
        key_rect = QRectF(frame.left(), top + line, frame.width(), line)
        painter.drawText(key_rect, Qt.AlignmentFlag.AlignCenter, self.key)

    def _paint_focus(self, painter: QPainter, frame: QRectF) -> None:
        ring = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        painter.setOpacity(1.0)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(ring, 2.0))
        painter.drawRoundedRect(frame.adjusted(-0.5, -0.5, 0.5, 0.5), _RADIUS, _RADIUS)
        if self.isChecked():  # a second, inner ring keeps focus visible on the filled face
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Base), 1.5))
            painter.drawRoundedRect(frame.adjusted(2.5, 2.5, -2.5, -2.5), _RADIUS - 2, _RADIUS - 2)

    def _label_font(self) -> QFont:
        font = QFont(self.font())
        font.setWeight(QFont.Weight.DemiBold)
        return font

    def _key_font(self) -> QFont:
        font = QFont(self.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 0.85)
        return font


class StatusButtonRow(QWidget):
    """The status buttons in `STATUS_ORDER`; the current status is the checked one.

    Signals:
        status_clicked(ResultStatus): the user clicked (or pressed Space on) a button.
    """

    status_clicked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusButtons")
        self.buttons: dict[ResultStatus, StatusButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING * 3 // 4)
        for status in STATUS_ORDER:
            button = StatusButton(status, self)
            button.clicked.connect(self._on_button_clicked)
            button.arrow_pressed.connect(self._on_button_arrow_pressed)
            self.buttons[status] = button
            layout.addWidget(button, 1)

    def set_current(self, status: ResultStatus | None) -> None:
        """Check the button of `status` (and only it)."""
        for button_status, button in self.buttons.items():
            button.setChecked(button_status == status)

    def current(self) -> ResultStatus | None:
        return next((s for s, b in self.buttons.items() if b.isChecked()), None)

    @Slot()
    def _on_button_clicked(self) -> None:
        button = self.sender()
        assert isinstance(button, StatusButton)
        # A click toggles the button; the saved status decides what stays checked.
        button.setChecked(not button.isChecked())
        self.status_clicked.emit(button.status)

    @Slot(int)
    def _on_button_arrow_pressed(self, step: int) -> None:
        order = list(self.buttons.values())
        button = self.sender()
        assert isinstance(button, StatusButton)
        index = (order.index(button) + step) % len(order)
        order[index].setFocus(Qt.FocusReason.TabFocusReason)


def _blend(base: QColor, tint: QColor, amount: float) -> QColor:
    return QColor.fromRgbF(
        base.redF() + (tint.redF() - base.redF()) * amount,
        base.greenF() + (tint.greenF() - base.greenF()) * amount,
        base.blueF() + (tint.blueF() - base.blueF()) * amount,
    )
