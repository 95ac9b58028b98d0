"""Sync made visible: the status-bar indicator and the sync-issues panel."""

from app.ui.sync_view.indicator import SyncStatusIndicator
from app.ui.sync_view.issues_model import SyncIssuesModel
from app.ui.sync_view.issues_panel import SyncIssuesPanel

__all__ = ["SyncIssuesModel", "SyncIssuesPanel", "SyncStatusIndicator"]
