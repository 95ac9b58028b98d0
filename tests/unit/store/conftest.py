from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.builders import SeededProject, new_database, seed_project


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = new_database(tmp_path)
    yield engine
    engine.dispose()


@pytest.fixture
def project(engine: Engine) -> SeededProject:
    return seed_project(engine)
