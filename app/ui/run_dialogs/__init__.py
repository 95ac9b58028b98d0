"""The run dialogs: New run (with its test-case picker), Re-run presets, Edit run.

Every dialog works on the local cache alone: creating and editing runs never waits for
the network (the edit commands queue the change for the server).
"""

from app.ui.run_dialogs.case_filter import CaseFilter
from app.ui.run_dialogs.case_picker import CasePicker
from app.ui.run_dialogs.case_proxy import CaseFilterProxy
from app.ui.run_dialogs.case_roles import CASE_ID_ROLE
from app.ui.run_dialogs.case_tree import CaseTreeModel
from app.ui.run_dialogs.edit_run import EditRunDialog
from app.ui.run_dialogs.new_run import NewRunDialog
from app.ui.run_dialogs.preset import RunPreset
from app.ui.run_dialogs.rerun import RerunScope, rerun_preset

__all__ = [
    "CASE_ID_ROLE",
    "CaseFilter",
    "CaseFilterProxy",
    "CasePicker",
    "CaseTreeModel",
    "EditRunDialog",
    "NewRunDialog",
    "RerunScope",
    "RunPreset",
    "rerun_preset",
]
