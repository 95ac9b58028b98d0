"""Sync made visible: the status-bar indicator and the sync-issues panel in its dock.

The panel itself (`issues_panel`) is imported by the dock when it is first shown.
"""

from app.ui.sync_view.indicator import SyncStatusIndicator
from app.ui.sync_view.issues_dock import SyncIssuesDock

__all__ = ["SyncIssuesDock", "SyncStatusIndicator"]
