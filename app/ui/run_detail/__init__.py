"""The run detail pane (centre): the chosen run's header and its results table."""

from app.ui.run_detail.header import RunHeader
from app.ui.run_detail.pane import RunDetailPane

__all__ = ["RunDetailPane", "RunHeader"]
