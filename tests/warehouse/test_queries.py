"""Named queries: every SQL statement lives in a .sql file, every .sql file is used, identifiers are spliced quoted."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from r2p.read.profile import event_window
from r2p.warehouse.migrate import migrate
from r2p.warehouse.queries import query_names, quoted_identifier, run, sql
from tests.helpers.data import ROOT

PYTHON = sorted([*(ROOT / "src").rglob("*.py"), ROOT / "app.py", *(ROOT / "pages").glob("*.py")])
MAX_LEFT_IN_PYTHON = 5
# A string that starts like an SQL statement (upper-case keyword, as this code base writes SQL).
STATEMENT = re.compile(r"^\s*\(?\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|WITH|COPY|ATTACH|DETACH|EXPORT|IMPORT|DROP"
                       r"|ALTER|INSTALL|LOAD|CHECKPOINT|BEGIN|COMMIT|ROLLBACK|ABORT|PRAGMA|SET|RESET|USE|TRUNCATE"
                       r"|MERGE|VACUUM|ANALYZE|SUMMARIZE|DESCRIBE|SHOW|CALL|EXPLAIN|FROM|VALUES)(\s|;|$)")
HOSTILE = "a'b\"c; DROP TABLE audit_log; --\n\\ é"


def sql_in_python(paths: Iterable[Path]) -> list[tuple[str, int, bool]]:
    """(file, line, has a `# NOTE:` just above) for each string in Python code that starts like an SQL statement.

    Docstrings are prose and not counted; an f-string or concatenation counts once, by its first line.
    """
    found = set()
    for path in paths:
        text = path.read_text(encoding="utf-8")
        tree, lines = ast.parse(text), text.splitlines()
        docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)
                      and isinstance(node.value, ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings \
                    and STATEMENT.match(node.value):
                noted = any("# NOTE:" in line for line in lines[max(0, node.lineno - 4):node.lineno])
                relative = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name
                found.add((relative, node.lineno, noted))
    return sorted(found)


def unreferenced(names: Iterable[str], paths: Iterable[Path]) -> list[str]:
    """The query names no Python file mentions as a string constant (a query nothing runs)."""
    constants = {node.value for path in paths for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                 if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    return sorted(set(names) - constants)


def test_at_most_five_trivial_statements_are_left_in_python_each_with_its_reason() -> None:
    left = sql_in_python(PYTHON)
    assert len(left) <= MAX_LEFT_IN_PYTHON, "SQL in Python, move it to r2p/warehouse/sql: " + ", ".join(
        f"{file}:{line}" for file, line, _ in left)
    assert [f"{file}:{line}" for file, line, noted in left if not noted] == []


def test_the_count_finds_sql_written_in_python(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        '"""SELECT in a docstring is prose."""\n'
        "def f(connection, table):\n"
        "    connection.execute('SELECT 1')\n"
        "    connection.execute(f'DELETE FROM {table}')\n"
        "    # NOTE: a fixed word\n"
        "    connection.execute('CHECKPOINT')\n"
        "    message = 'Select a country'\n"
        "    connection.execute(\n"
        "        'INSERT INTO t'\n"
        "        ' VALUES (1)')\n", encoding="utf-8")
    assert sql_in_python([sample]) == [("sample.py", 3, False), ("sample.py", 4, False), ("sample.py", 6, True),
                                       ("sample.py", 9, False)]


def test_every_query_file_is_run_by_some_caller() -> None:
    assert len(query_names()) > 50
    assert unreferenced(query_names(), PYTHON) == []


def test_the_dead_query_check_finds_a_query_nothing_runs(tmp_path: Path) -> None:
    caller = tmp_path / "caller.py"
    caller.write_text("def f(c):\n    return run(c, 'read/used')\n", encoding="utf-8")
    assert unreferenced(["read/used", "read/dead"], [caller]) == ["read/dead"]


def test_a_query_is_named_by_its_folder() -> None:
    assert "FROM risk_score" in sql("read/tier_history")  # the text of read/tier_history.sql
    for name in ("tier_history", "read/nothing", "../migrations/001_core", "read/tier_history.sql"):
        with pytest.raises(KeyError):
            sql(name)


def test_identifiers_are_spliced_quoted_and_only_where_a_query_asks() -> None:
    with duckdb.connect(":memory:") as connection:
        connection.execute(f"CREATE TABLE {quoted_identifier(HOSTILE)} AS SELECT 1 AS x UNION ALL SELECT 2")
        assert run(connection, "read/row_count", spliced={"table": HOSTILE})["rows"].iloc[0] == 2
        with pytest.raises(KeyError):
            sql("read/row_count")  # a placeholder left unfilled
        with pytest.raises(KeyError):
            sql("read/country_names", table=HOSTILE)  # a query that splices nothing


def test_the_latest_assessment_view_holds_the_newest_per_country_and_period() -> None:
    with duckdb.connect(":memory:") as connection:
        migrate(connection)
        for iso3, period, tier, at in (("SDN", 2024, "High", datetime(2025, 1, 1)),
                                       ("SDN", 2024, "Very high", datetime(2025, 2, 1)),
                                       ("SDN", 2023, "Low", datetime(2024, 1, 1)),
                                       ("MLI", 2024, "High", datetime(2025, 1, 1))):
            run(connection, "write/add_assessment", {"iso3": iso3, "period": period, "tier": tier,
                                                     "rationale": "enough words here", "author": "a",
                                                     "created_at": at})
        latest = connection.execute("SELECT iso3, period, tier FROM latest_assessment ORDER BY ALL").fetchall()
    assert latest == [("MLI", 2024, "High"), ("SDN", 2023, "Low"), ("SDN", 2024, "Very high")]


def test_a_columnar_fetch_gives_the_frame_a_row_fetch_gives(template_warehouse: Path) -> None:
    """The event read fetched through Arrow: the same columns, dtypes (dates in microseconds) and values."""
    with duckdb.connect(str(template_warehouse), read_only=True) as connection:
        last = connection.execute("SELECT max(event_date) FROM event").fetchone()[0]
        iso3 = connection.execute("SELECT iso3 FROM event GROUP BY iso3 ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
        fetched = [(run(connection, "read/country_events_to", params),
                    run(connection, "read/country_events_to", params, columnar=True))
                   for params in ({"iso3": iso3, **event_window(last)}, {"iso3": "XXX", **event_window(last)})]
    (rows, columnar), (no_rows, columnar_none) = fetched
    assert len(rows) > 5 and rows["event_date"].dtype == "datetime64[us]" and no_rows.empty
    pd.testing.assert_frame_equal(columnar, rows)
    pd.testing.assert_frame_equal(columnar_none, no_rows)  # no rows: text columns typed as .df() types them
