"""The Core tables the read queries use describe exactly the schema of the SQLModel classes."""

from __future__ import annotations

import pytest
from sqlalchemy import Column, Table
from sqlalchemy.dialects import sqlite
from sqlalchemy.schema import CreateIndex, CreateTable
from sqlalchemy.types import String, TypeDecorator, TypeEngine

from app.store import models, tables

TABLE_NAMES = sorted(models.metadata.tables)


def test_both_define_the_same_tables() -> None:
    assert sorted(tables.metadata.tables) == TABLE_NAMES


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_the_database_sees_the_same_table(name: str) -> None:
    core, model = tables.metadata.tables[name], models.metadata.tables[name]
    assert _ddl(core) == _ddl(model)
    assert _index_ddl(core) == _index_ddl(model)


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_columns_convert_values_the_same_way(name: str) -> None:
    """Same DDL is not enough: a `UTCDateTime` and a plain `DateTime` both say DATETIME, and
    the defaults of a Core insert are not in the DDL at all."""
    core, model = tables.metadata.tables[name], models.metadata.tables[name]
    assert [_describe(column) for column in core.columns] == [
        _describe(column) for column in model.columns
    ]


def test_a_difference_would_be_caught() -> None:
    """The comparison above is not blind: a column of another type shows up."""
    changed = Table("project_copy", tables.metadata.__class__())
    for column in tables.PROJECT.columns:
        changed.append_column(Column(column.name, String, nullable=column.nullable))
    original = [_describe(column) for column in tables.PROJECT.columns]
    assert [_describe(column) for column in changed.columns] != original


def _ddl(table: Table) -> str:
    return str(CreateTable(table).compile(dialect=sqlite.dialect())).strip()


def _index_ddl(table: Table) -> list[str]:
    compiled = (CreateIndex(index).compile(dialect=sqlite.dialect()) for index in table.indexes)
    return sorted(str(statement).strip() for statement in compiled)


def _describe(column: Column[object]) -> tuple[str, str, bool, bool, object]:
    default = getattr(column.default, "arg", None)  # what a Core insert fills in
    return (
        column.name,
        _type_name(column.type),
        column.nullable is True,
        column.primary_key,
        default,
    )


def _type_name(column_type: TypeEngine[object]) -> str:
    kind = type(column_type)
    if kind.__module__.startswith("sqlmodel"):  # AutoString: a String that SQLModel sizes
        assert isinstance(column_type, TypeDecorator)
        return _type_name(column_type.impl_instance)
    return f"{kind.__module__}.{kind.__qualname__}"
