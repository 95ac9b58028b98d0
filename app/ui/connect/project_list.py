"""The projects a token can see, as a list to pick one from: model, row painter and view."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.sync.connection import ProjectChoice
from app.ui.sync_view.tones import muted_colour
from app.ui.theme import SPACING

PROJECT_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row's `ProjectChoice`."""
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 2
"""The second line: prefix, runs and test cases (a `str`, maybe empty)."""

PLACEHOLDER = "The projects this token can see appear here after a successful test."
VISIBLE_ROWS = 3

AnyIndex = QModelIndex | QPersistentModelIndex


def detail_text(project: ProjectChoice) -> str:
    """`AWS · 15 runs · 148 test cases`: whatever the server told about the project."""
    parts = [project.prefix] if project.prefix else []
    if project.run_count is not None:
        parts.append(_count(project.run_count, "run"))
    if project.test_case_count is not None:
        parts.append(_count(project.test_case_count, "test case"))
    return " · ".join(parts)


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


class ProjectListModel(QAbstractListModel):
    """The projects of one connection check, in the order the check gave them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._projects: tuple[ProjectChoice, ...] = ()

    @property
    def projects(self) -> tuple[ProjectChoice, ...]:
        return self._projects

    def set_projects(self, projects: Sequence[ProjectChoice]) -> None:
        self.beginResetModel()
        self._projects = tuple(projects)
        self.endResetModel()

    def row_of(self, project_id: str | None) -> int | None:
        """The row of the project with this id; None when it is not listed."""
        for row, project in enumerate(self._projects):
            if project.id == project_id:
                return row
        return None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._projects)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._projects):
            return None
        project = self._projects[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return project.name
        if role == DETAIL_ROLE:
            return detail_text(project)
        if role == PROJECT_ROLE:
            return project
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            detail = detail_text(project)
            return f"{project.name}, {detail}" if detail else project.name
        return None


class ProjectRowDelegate(QStyledItemDelegate):
    """Draws a project as its name over a muted line of details."""

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:  # noqa: N802
        return QSize(option.rect.width(), row_height(option.fontMetrics))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        self.initStyleOption(option, index)
        option.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        name_font = QFont(option.font)
        name_font.setWeight(QFont.Weight.DemiBold)
        line = option.fontMetrics.lineSpacing()
        text = option.rect.adjusted(SPACING + SPACING // 2, SPACING // 2 + 2, -SPACING, 0)
        painter.save()
        painter.setPen(_text_colour(option.palette, selected, muted=False))
        painter.setFont(name_font)
        painter.drawText(QRect(text.left(), text.top(), text.width(), line), _LEFT, _name(index))
        painter.setPen(_text_colour(option.palette, selected, muted=True))
        painter.setFont(option.font)
        detail = QRect(text.left(), text.top() + line + 2, text.width(), line)
        painter.drawText(detail, _LEFT, str(index.data(DETAIL_ROLE) or ""))
        painter.restore()


_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def row_height(metrics: QFontMetrics) -> int:
    return 2 * metrics.lineSpacing() + SPACING + 6


def _name(index: AnyIndex) -> str:
    return str(index.data(Qt.ItemDataRole.DisplayRole) or "")


def _text_colour(palette: QPalette, selected: bool, *, muted: bool) -> QColor:
    if selected:
        return palette.color(QPalette.ColorRole.HighlightedText)
    return muted_colour(palette) if muted else palette.color(QPalette.ColorRole.Text)


class ProjectListView(QListView):
    """A short list of projects that says what will appear in it while it is empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(ProjectRowDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformItemSizes(True)
        frame = 2 * self.frameWidth()
        self.setFixedHeight(VISIBLE_ROWS * row_height(self.fontMetrics()) + frame + 2)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        model = self.model()
        if model is not None and model.rowCount() > 0:
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        area = self.viewport().rect().adjusted(SPACING * 2, 0, -SPACING * 2, 0)
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        painter.drawText(area, int(flags), PLACEHOLDER)
        painter.end()
