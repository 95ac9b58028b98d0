"""The Qt adapter of the sync engine: a worker in the sync thread, a controller in the GUI's."""

from app.ui.sync.controller import SyncController
from app.ui.sync.worker import (
    ClientSession,
    EngineLike,
    SessionFactory,
    SyncSession,
    SyncWorker,
)

__all__ = [
    "ClientSession",
    "EngineLike",
    "SessionFactory",
    "SyncController",
    "SyncSession",
    "SyncWorker",
]
