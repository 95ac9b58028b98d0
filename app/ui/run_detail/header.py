"""The top of the run detail pane: what the run is, how far it got, and whether it is closed."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.store import RunRow
from app.ui.icons import icon
from app.ui.run_detail.formatting import run_meta_text, set_muted, undelivered_text
from app.ui.run_detail.progress import RunProgressBar, StatusCountsLegend
from app.ui.theme import SPACING

CLOSED_SENTENCE = "This run is closed. Its results can no longer be changed."
NOTICE_ICON = QSize(16, 16)


class RunHeader(QWidget):
    """Name, milestone, status, dates, progress, pass rate and counts of one run."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("runHeader")
        self.setAccessibleName("Run summary")
        self._run: RunRow | None = None
        self.name_label = _label("runName", "Run name", selectable=True)
        self.name_label.setWordWrap(True)
        self.pass_rate_label = _label("runPassRate", "Pass rate")
        self.pass_rate_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.meta_label = _label("runMeta", "Milestone, status and creation", selectable=True)
        self.meta_label.setWordWrap(True)
        self.progress = RunProgressBar()
        self.tested_label = _label("runTested", "Results tested")
        self.counts = StatusCountsLegend()
        self.closed_icon, self.closed_label, self.closed_row = _notice("runClosedNotice")
        self.closed_label.setText(CLOSED_SENTENCE)
        self.closed_label.setAccessibleName(CLOSED_SENTENCE)
        self.pending_icon, self.pending_label, self.pending_row = _notice("runUndelivered")
        self._build()
        self._restyle()

    def run(self) -> RunRow | None:
        return self._run

    def set_run(self, run: RunRow) -> None:
        """Show `run` (call again with a fresh `RunRow` after it changed)."""
        self._run = run
        summary = run.summary
        self.name_label.setText(run.name)
        self.meta_label.setText(run_meta_text(run))
        nothing_yet = summary.tested == 0 and run.final_pass_rate is None
        self.pass_rate_label.setText(
            "Not started" if nothing_yet else f"{run.pass_rate:.1f}% passed"
        )
        self.pass_rate_label.setToolTip(
            "Final pass rate, set when the run was closed"
            if run.final_pass_rate is not None
            else "Passed results out of all results"
        )
        self.progress.set_summary(summary)
        self.tested_label.setText(f"{summary.tested:,} of {summary.total:,} tested")
        self.counts.set_summary(summary)
        self.closed_row.setVisible(run.is_read_only)
        pending = undelivered_text(run)
        self.pending_label.setText(pending)
        self.pending_row.setVisible(bool(pending))
        self.pending_label.setAccessibleName(pending or "Every change delivered")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle()
        super().changeEvent(event)

    def _build(self) -> None:
        top = QGridLayout()
        top.setHorizontalSpacing(2 * SPACING)
        top.setVerticalSpacing(SPACING // 2)
        top.addWidget(self.name_label, 0, 0)
        top.addWidget(self.pass_rate_label, 0, 1)
        top.addWidget(self.meta_label, 1, 0, 1, 2)
        top.setColumnStretch(0, 1)
        progress_row = QHBoxLayout()
        progress_row.setSpacing(SPACING + SPACING // 2)
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.tested_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2 * SPACING, 2 * SPACING, 2 * SPACING, SPACING)
        layout.setSpacing(SPACING)
        layout.addLayout(top)
        layout.addSpacing(SPACING // 2)
        layout.addLayout(progress_row)
        layout.addWidget(self.counts)
        layout.addWidget(self.closed_row)
        layout.addWidget(self.pending_row)
        self.closed_row.hide()
        self.pending_row.hide()

    def _restyle(self) -> None:
        """Fonts and muted colours follow the current palette and font."""
        title_font = QFont(self.font())
        title_font.setPointSizeF(self.font().pointSizeF() * 1.55)
        title_font.setWeight(QFont.Weight.DemiBold)
        self.name_label.setFont(title_font)
        rate_font = QFont(self.font())
        rate_font.setPointSizeF(self.font().pointSizeF() * 1.2)
        rate_font.setWeight(QFont.Weight.Medium)
        self.pass_rate_label.setFont(rate_font)
        palette = self.palette()
        for label in (self.meta_label, self.tested_label, self.pending_label):
            set_muted(label, palette)
        self.closed_icon.setPixmap(icon("lock", palette).pixmap(NOTICE_ICON))
        muted = QPalette(self.pending_label.palette())
        self.pending_icon.setPixmap(icon("waiting", muted).pixmap(NOTICE_ICON))


def _label(name: str, accessible: str, *, selectable: bool = False) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setAccessibleName(accessible)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _notice(name: str) -> tuple[QLabel, QLabel, QWidget]:
    """A row with a small icon and a sentence; returns (icon, text, row)."""
    row = QWidget()
    row.setObjectName(name)
    picture = QLabel()
    picture.setFixedSize(NOTICE_ICON)
    text = QLabel()
    text.setObjectName(f"{name}Text")
    text.setWordWrap(True)
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(SPACING)
    layout.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
    layout.addWidget(text, 1)
    return picture, text, row
