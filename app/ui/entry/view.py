"""The entry pane's widgets: an empty state, or the header, the case and the form."""

from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QStackedWidget, QVBoxLayout, QWidget

from app.ui.entry.case_view import CaseView
from app.ui.entry.form import EntryForm
from app.ui.entry.header import ResultHeader
from app.ui.entry.stopwatch import WallClock
from app.ui.theme import SPACING


class EntryView(QStackedWidget):
    """Either the empty state (a sentence) or the result being recorded."""

    def __init__(
        self, stopwatch_file: Path, clock: WallClock | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.header = ResultHeader()
        self.case_view = CaseView()
        self.form = EntryForm(stopwatch_file, clock)
        self.empty_label = _centred_label("entryEmptyState", scale=1.25)
        self.empty_hint = _centred_label("entryEmptyHint", scale=1.0)
        self.empty_page = self._empty_page()
        self.entry_page = self._entry_page()
        self.addWidget(self.empty_page)
        self.addWidget(self.entry_page)
        chain = [self.case_view, *self.form.tab_chain()]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def show_empty(self, text: str, hint: str = "") -> None:
        self.empty_label.setText(text)
        self.empty_label.setAccessibleName(text)
        self.empty_hint.setText(hint)
        self.empty_hint.setVisible(bool(hint))
        self.setCurrentWidget(self.empty_page)

    def show_entry(self) -> None:
        self.setCurrentWidget(self.entry_page)

    def showing_entry(self) -> bool:
        return self.currentWidget() is self.entry_page

    def _empty_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("entryEmptyPage")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(SPACING * 3, SPACING * 3, SPACING * 3, SPACING * 3)
        layout.setSpacing(SPACING)
        layout.addStretch(1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.empty_hint)
        layout.addStretch(1)
        return page

    def _entry_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("entryPage")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(SPACING * 2, SPACING * 2, SPACING * 2, SPACING * 2)
        layout.setSpacing(SPACING)
        layout.addWidget(self.header)
        layout.addWidget(_rule())
        layout.addWidget(self.case_view, 1)
        layout.addWidget(_rule())
        layout.addSpacing(SPACING // 2)
        layout.addWidget(self.form)
        return page


def _rule() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Plain)
    line.setEnabled(False)
    return line


def _centred_label(name: str, scale: float) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # calm, but readable
    font = QFont(label.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label
