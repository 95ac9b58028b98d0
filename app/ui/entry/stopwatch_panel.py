"""The stopwatch's controls: start/pause, reset and a display that ticks while it runs.

The panel owns the Qt-free `Stopwatch` and its `StopwatchStore`. A one-second `QTimer` runs
only while the stopwatch runs; each change of state (not each tick) is written to disk on the
next turns of the event loop (`SAVE_DELAY_MS`), so a burst of changes (save, clear, open the
next result) costs one small write, after the screen has been updated. Hiding the panel (the
window closing) writes a pending change at once.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont, QHideEvent, QIcon, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from app.domain import format_elapsed
from app.ui.entry.stopwatch import Stopwatch, WallClock
from app.ui.entry.stopwatch_store import StopwatchStore
from app.ui.icons import icon
from app.ui.theme import SPACING

TICK_MS = 1000
SAVE_DELAY_MS = 100
"""How long a change of state may wait to be written: off the key-press path, and one
write for a burst (save, clear, open the next result)."""


class StopwatchPanel(QWidget):
    """Start/pause and reset buttons with the running time.

    Signals:
        time_changed(): the shown time changed (a tick, or any change of state).
    """

    time_changed = Signal()

    def __init__(
        self, state_file: Path, clock: WallClock | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("stopwatchPanel")
        self._store = StopwatchStore(state_file)
        self.stopwatch = Stopwatch(clock, self._store.load(), self._on_stopwatch_changed)
        self._tick = QTimer(self)
        self._tick.setSingleShot(True)
        self._tick.setTimerType(Qt.TimerType.PreciseTimer)
        self._tick.timeout.connect(self._on_tick_timeout)
        self._save_soon = QTimer(self)
        self._save_soon.setSingleShot(True)
        self._save_soon.setInterval(SAVE_DELAY_MS)
        self._save_soon.timeout.connect(self._on_save_soon_timeout)
        self._build()
        self.update_display()

    def _build(self) -> None:
        self.toggle_button = QToolButton(self)
        self.toggle_button.setObjectName("stopwatchToggle")
        self.toggle_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.toggle_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.toggle_button.clicked.connect(self._on_toggle_button_clicked)
        self.reset_button = QToolButton(self)
        self.reset_button.setObjectName("stopwatchReset")
        self.reset_button.setAccessibleName("Reset stopwatch")
        self.reset_button.setToolTip("Reset the stopwatch (the result is then not timed)")
        self.reset_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.reset_button.clicked.connect(self._on_reset_button_clicked)
        self.display = QLabel(self)
        self.display.setObjectName("stopwatchDisplay")
        self.display.setAccessibleName("Stopwatch time")
        self.display.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        font = QFont(self.display.font())
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setFamilies(["DejaVu Sans Mono", "Menlo", "Consolas", "monospace"])
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.35)
        self.display.setFont(font)
        self.display.setMinimumWidth(self.display.fontMetrics().horizontalAdvance("00:00:00 "))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING // 2)
        layout.addWidget(self.display)
        layout.addSpacing(SPACING // 2)
        layout.addWidget(self.toggle_button)
        layout.addWidget(self.reset_button)
        self._update_icons()

    def update_display(self) -> None:
        """Show the current time and state, and tick only while running."""
        running = self.stopwatch.running
        self.display.setText(format_elapsed(self.stopwatch.seconds()))
        role = QPalette.ColorRole.WindowText if running else QPalette.ColorRole.PlaceholderText
        self.display.setForegroundRole(role)  # paused time reads quieter than running time
        state = "running" if running else "paused"
        self.display.setToolTip(f"Stopwatch {state}")
        self.display.setAccessibleDescription(f"Stopwatch {state}")
        if self.toggle_button.property("running") != running:
            self._update_toggle(running)
        if running:
            self._schedule_tick()
        else:
            self._tick.stop()

    def tick(self) -> None:
        """Show the time as it is now, as the one-second timer does."""
        self.update_display()
        self.time_changed.emit()

    def flush(self) -> None:
        """Write a pending change of state now (before the application goes away)."""
        if self._save_soon.isActive():
            self._save_soon.stop()
            self._store.save(self.stopwatch.snapshot())

    def save_pending(self) -> bool:
        """Whether a change of state is waiting to be written."""
        return self._save_soon.isActive()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "reset_button"):
            self._update_icons()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt's name
        self.flush()
        super().hideEvent(event)

    def _update_toggle(self, running: bool) -> None:
        verb = "Pause" if running else "Start"
        self.toggle_button.setProperty("running", running)
        self.toggle_button.setIcon(self._toggle_icons[running])
        self.toggle_button.setAccessibleName(f"{verb} stopwatch")
        self.toggle_button.setToolTip(f"{verb} the stopwatch (T)")

    def _update_icons(self) -> None:
        palette = self.palette()
        self._toggle_icons = {False: _icon("play", palette), True: _icon("pause", palette)}
        self.reset_button.setIcon(_icon("reset", palette))
        self._update_toggle(self.stopwatch.running)

    def _schedule_tick(self) -> None:
        # Tick when the next whole second is reached, so the display never skips one.
        fraction = self._fraction_of_second()
        self._tick.start(max(1, round((1.0 - fraction) * TICK_MS)))

    def _fraction_of_second(self) -> float:
        clock_seconds = self.stopwatch.exact_seconds()
        return clock_seconds - int(clock_seconds)

    def _on_stopwatch_changed(self) -> None:
        if not self._save_soon.isActive():  # at most one write per delay, even while J is held
            self._save_soon.start()
        self.update_display()
        self.time_changed.emit()

    @Slot()
    def _on_tick_timeout(self) -> None:
        self.tick()

    @Slot()
    def _on_save_soon_timeout(self) -> None:
        self._store.save(self.stopwatch.snapshot())

    @Slot()
    def _on_toggle_button_clicked(self) -> None:
        self.stopwatch.toggle()

    @Slot()
    def _on_reset_button_clicked(self) -> None:
        self.stopwatch.reset()


def _icon(name: str, palette: QPalette) -> QIcon:
    """The icon in the text colour, and in the disabled text colour when disabled."""
    normal = icon(name, palette)
    quiet = QPalette(palette)
    disabled_text = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    quiet.setColor(QPalette.ColorRole.WindowText, disabled_text)
    dimmed = icon(name, quiet)
    result = QIcon()
    for size in normal.availableSizes():
        result.addPixmap(normal.pixmap(size), QIcon.Mode.Normal)
        result.addPixmap(dimmed.pixmap(size), QIcon.Mode.Disabled)
    return result
