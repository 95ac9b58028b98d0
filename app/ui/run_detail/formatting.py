"""Words and colours the run detail pane shares: readable times, counts, muted text."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from app.store import RunRow


def readable_time(moment: datetime) -> str:
    """A timestamp in local time, as people write it: "27 Nov 2026, 09:30"."""
    local = moment.astimezone()
    return f"{local.day} {local:%b %Y, %H:%M}"


def plural(count: int, singular: str, many: str | None = None) -> str:
    """ "1 change", "3 changes" (thousands separated)."""
    word = singular if count == 1 else (many or f"{singular}s")
    return f"{count:,} {word}"


def run_status_text(status: str) -> str:
    """A run status as a word: "Active", "Closed"; unknown server statuses as they come."""
    return status.replace("_", " ").strip().capitalize() or "Unknown"


def run_meta_text(run: RunRow) -> str:
    """The line under the run's name: milestone · status · who and when."""
    parts = [run.milestone_name or "No milestone", run_status_text(run.status)]
    creator = run.created_by or "you, on this computer"
    parts.append(f"Created by {creator} on {readable_time(run.created_at)}")
    if run.closed_at is not None:
        parts.append(f"Closed on {readable_time(run.closed_at)}")
    return "  ·  ".join(parts)


def undelivered_text(run: RunRow) -> str:
    """ "3 changes not yet delivered", with how many need attention; empty when none."""
    if not run.undelivered:
        return ""
    text = f"{plural(run.undelivered, 'change')} not yet delivered"
    if run.parked:
        text += f" ({run.parked:,} {'needs' if run.parked == 1 else 'need'} attention)"
    return text


def muted_window_text(palette: QPalette) -> QColor:
    """Secondary text on the window background."""
    text = palette.color(QPalette.ColorRole.WindowText)
    back = palette.color(QPalette.ColorRole.Window)
    share, rest = 0.62, 0.38
    return QColor.fromRgbF(
        text.redF() * share + back.redF() * rest,
        text.greenF() * share + back.greenF() * rest,
        text.blueF() * share + back.blueF() * rest,
    )


def set_muted(widget: QWidget, parent_palette: QPalette) -> None:
    """Give `widget` the muted text colour of `parent_palette` (call again on palette change)."""
    palette = QPalette(widget.palette())
    palette.setColor(QPalette.ColorRole.WindowText, muted_window_text(parent_palette))
    palette.setColor(QPalette.ColorRole.Text, muted_window_text(parent_palette))
    widget.setPalette(palette)
