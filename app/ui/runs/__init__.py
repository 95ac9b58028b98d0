"""The runs pane (left pane of the main window): model, filter proxy, card delegate, pane."""

from app.ui.runs.delegate import RunItemDelegate
from app.ui.runs.model import CREATED_ROLE, READ_ONLY_ROLE, RUN_ID_ROLE, RUN_ROLE, RunListModel
from app.ui.runs.pane import RunsPane
from app.ui.runs.proxy import MilestoneChoice, MilestoneFilter, RunFilterProxy, StateFilter

__all__ = [
    "CREATED_ROLE",
    "READ_ONLY_ROLE",
    "RUN_ID_ROLE",
    "RUN_ROLE",
    "MilestoneChoice",
    "MilestoneFilter",
    "RunFilterProxy",
    "RunItemDelegate",
    "RunListModel",
    "RunsPane",
    "StateFilter",
]
