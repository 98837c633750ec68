"""Input safety, proved on the source: SQL built only from constants, quoted identifiers and bound values;
no pickle/eval/exec/unsafe YAML; raw HTML only in one static legend and the shell's constant page CSS."""

from __future__ import annotations

import ast
import builtins
import importlib
import re
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from r2p.figures import event_map
from tests.helpers.data import ROOT

SOURCES = sorted([*(ROOT / "src").rglob("*.py"), ROOT / "app.py", *(ROOT / "pages").glob("*.py")])
SQL_CALLS = {"execute", "executemany", "sql"}  # DuckDB's; r2p's query()/run() take a query's name
SAFE_CALLS = {"int", "float", "len"}  # a number cannot carry SQL
# The functions that turn any text into one quoted SQL identifier or string literal (their behaviour is tested
# below): r2p.warehouse.queries.sql() splices with them what no bound parameter can stand for (a table name,
# EXPORT DATABASE's folder), so no module builds SQL text of its own.
QUOTERS = {"quoted_identifier", "quoted_literal"}
QUOTING_MODULE = "src/r2p/warehouse/queries.py"
# The documented allow-list: interpolations the rules above cannot see are safe, each with the reason. Empty since
# every statement lives in a .sql file (tests/warehouse/test_queries.py counts what is left in Python).
REVIEWED: dict[tuple[str, str], str] = {}


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


class Checker:
    """Which interpolated parts of an SQL string are not provably constant, quoted, or numeric."""

    def __init__(self, tree: ast.Module, parents: dict[ast.AST, ast.AST]) -> None:
        self.tree, self.parents = tree, parents

    def built_parts(self, node: ast.AST, at: ast.AST) -> Iterator[ast.AST]:
        """The unsafe parts of SQL text built here (or in a local variable); text passed in whole is not built."""
        if isinstance(node, ast.Name):
            for source in self._assignments(self._scope(at), node.id):
                yield from self.built_parts(source, at)
        elif _is_built(node):
            yield from self.unsafe(node, at)

    def unsafe(self, node: ast.AST, at: ast.AST, seen: frozenset[str] = frozenset()) -> Iterator[ast.AST]:
        if isinstance(node, ast.Constant):
            return
        if isinstance(node, ast.JoinedStr):
            for part in node.values:
                if isinstance(part, ast.FormattedValue):
                    yield from self.unsafe(part.value, at, seen)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
            yield from self.unsafe(node.left, at, seen)
            yield from self.unsafe(node.right, at, seen)
        elif isinstance(node, ast.IfExp):
            yield from self.unsafe(node.body, at, seen)
            yield from self.unsafe(node.orelse, at, seen)
        elif isinstance(node, (ast.Tuple, ast.List)):
            for element in node.elts:
                yield from self.unsafe(element, at, seen)
        elif isinstance(node, ast.Starred):
            yield from self.unsafe(node.value, at, seen)
        elif isinstance(node, ast.Name):
            yield from self._name(node, at, seen)
        elif isinstance(node, ast.Subscript) and self._is_constant_name(node.value):
            return  # a value looked up in a module constant (an allow-list)
        elif isinstance(node, ast.Call):
            yield from self._call(node, at, seen)
        else:
            yield node

    def _call(self, node: ast.Call, at: ast.AST, seen: frozenset[str]) -> Iterator[ast.AST]:
        name = node.func.id if isinstance(node.func, ast.Name) else None
        if name in SAFE_CALLS or name in QUOTERS:
            return
        if name == "sql" and all(isinstance(a, ast.Constant) for a in node.args):
            return  # the text of one of the package's own .sql files
        if isinstance(node.func, ast.Attribute) and node.func.attr == "join" and isinstance(node.func.value,
                                                                                             ast.Constant):
            for argument in node.args:
                if isinstance(argument, (ast.GeneratorExp, ast.ListComp)):
                    for generator in argument.generators:
                        yield from self.unsafe(generator.iter, at, seen)
                else:
                    yield from self.unsafe(argument, at, seen)
            return
        yield node

    def _name(self, node: ast.Name, at: ast.AST, seen: frozenset[str]) -> Iterator[ast.AST]:
        if self._is_constant_name(node) or node.id in seen:
            return
        scope = self._scope(at)
        sources = list(self._assignments(scope, node.id))
        if not sources or _is_parameter(scope, node.id):
            yield node  # a parameter, or a global set elsewhere: not provably constant
            return
        for source in sources:
            yield from self.unsafe(source, at, seen | {node.id})

    def _assignments(self, scope: ast.AST, name: str) -> Iterator[ast.AST]:
        for node in ast.walk(scope):
            targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
            if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)) and node.value and any(
                    t is not None and _binds(t, name) for t in targets):
                yield node.value
            elif isinstance(node, (ast.For, ast.comprehension)) and _binds(node.target, name):
                yield node.iter

    def _scope(self, node: ast.AST) -> ast.AST:
        while node in self.parents and not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            node = self.parents[node]
        return node

    def _is_constant_name(self, node: ast.AST) -> bool:
        """A module-level UPPER_CASE name assigned once from a literal (an allow-list or fixed text)."""
        if not isinstance(node, ast.Name) or not node.id.isupper():
            return False
        values = [s.value for s in self.tree.body if isinstance(s, (ast.Assign, ast.AnnAssign))
                  and any(_binds(t, node.id) for t in (s.targets if isinstance(s, ast.Assign) else [s.target]))]
        return len(values) == 1 and values[0] is not None and _is_literal(values[0])


def _is_built(node: ast.AST) -> bool:
    """An f-string, a `+`/`%` concatenation, a `.format()` call, or a choice between such."""
    if isinstance(node, ast.IfExp):
        return _is_built(node.body) or _is_built(node.orelse)
    return isinstance(node, (ast.JoinedStr, ast.BinOp)) or (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format")


def _is_parameter(scope: ast.AST, name: str) -> bool:
    if not isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    arguments = scope.args
    return name in {a.arg for a in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]}


def _binds(target: ast.AST, name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(target))


def _is_literal(node: ast.AST) -> bool:
    try:
        ast.literal_eval(node)
    except ValueError:
        return all(isinstance(n, (ast.Constant, ast.Tuple, ast.List, ast.Dict, ast.Set, ast.Load, ast.JoinedStr,
                                  ast.FormattedValue, ast.BinOp, ast.Add, ast.Name)) for n in ast.walk(node))
    return True


def sql_findings(path: Path) -> list[str]:
    """file:line: expression, for each SQL call whose text interpolates something not provably safe."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    checker, found = Checker(tree, _parents(tree)), []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and node.args and isinstance(node.func, ast.Attribute)
                and node.func.attr in SQL_CALLS):
            continue
        for part in checker.built_parts(node.args[0], node):
            expression = ast.unparse(part)
            if (_relative(path), expression) not in REVIEWED:
                found.append(f"{_relative(path)}:{node.lineno}: {{{expression}}} in SQL text")
    return found


def test_sql_text_interpolates_only_constants_quoted_names_and_numbers() -> None:
    assert [finding for path in SOURCES for finding in sql_findings(path)] == []


def test_the_scan_catches_values_pasted_into_sql(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "TABLES = ('a', 'b')\n"
        "def f(connection, iso3, user):\n"
        "    connection.execute(f\"SELECT * FROM t WHERE iso3 = '{iso3}'\")\n"
        "    connection.execute('SELECT * FROM t WHERE name = ' + user.name)\n"
        "    query = \"SELECT %s\" % iso3\n"
        "    connection.execute(query)\n"
        "    connection.sql('SELECT {}'.format(iso3))\n"
        "    for table in TABLES:\n"
        "        connection.execute(f'DELETE FROM {table} WHERE x = $x', {'x': iso3})\n"
        "    connection.execute(f'SELECT {int(iso3)}')\n", encoding="utf-8")
    found = [line.split(": ", 1)[1] for line in sql_findings(sample)]
    assert found == ["{iso3} in SQL text", "{user.name} in SQL text", "{iso3} in SQL text",
                     "{'SELECT {}'.format(iso3)} in SQL text"]


def test_only_the_queries_module_defines_a_quoter() -> None:
    defined = {(_relative(path), node.name) for path in SOURCES for node in ast.walk(ast.parse(path.read_text(
        encoding="utf-8"))) if isinstance(node, ast.FunctionDef) and node.name in QUOTERS | {"_literal", "_quoted",
                                                                                           "_identifier"}}
    assert defined == {(QUOTING_MODULE, name) for name in QUOTERS}


@pytest.mark.parametrize("path", [QUOTING_MODULE])
def test_every_quoter_round_trips_hostile_text(path: str) -> None:
    module = importlib.import_module(path.removeprefix("src/").removesuffix(".py").replace("/", "."))
    hostile = "a'b\"c; DROP TABLE audit_log; --\n\\ é"
    with duckdb.connect(":memory:") as connection:
        assert set(vars(module)) >= QUOTERS
        for name in QUOTERS:
            quoted = getattr(module, name)(hostile)
            if quoted.startswith('"'):
                cursor = connection.execute(f"SELECT 1 AS {quoted}")
                assert cursor.description[0][0] == hostile
            else:
                assert connection.execute(f"SELECT {quoted}").fetchall()[0][0] == hostile


def _calls(path: Path) -> Iterator[tuple[int, str, ast.Call]]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            yield node.lineno, ast.unparse(node.func), node


def test_no_pickle_eval_exec_or_unsafe_yaml() -> None:
    found = []
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        if re.search(r"^\s*(import|from)\s+(c?pickle|dill|marshal|shelve)\b", text, flags=re.MULTILINE):
            found.append(f"{_relative(path)}: imports a pickle-like module")
        for line, name, call in _calls(path):
            keywords = {k.arg: ast.unparse(k.value) for k in call.keywords}
            if name in {"eval", "exec", "compile", "__import__"} or name.endswith(("read_pickle", ".loads_pickle")):
                found.append(f"{_relative(path)}:{line}: {name}(")
            if name == "yaml.load" and keywords.get("Loader") not in {"yaml.SafeLoader", "SafeLoader",
                                                                        "yaml.CSafeLoader"}:
                found.append(f"{_relative(path)}:{line}: yaml.load without SafeLoader")
    assert found == []


# The reviewed raw HTML, each call with the one file allowed to make it and why it is safe.
REVIEWED_HTML: dict[str, tuple[str, str]] = {
    "st.markdown(violence_legend(), unsafe_allow_html=True)": (
        "src/r2p/ui/country_events.py", "the event map's legend, built from constants only (tested below)"),
    "st.html(strip_html(summary, method_label, since))": (
        "src/r2p/ui/overview_summary.py", "the Overview's summary strip: counts, dates and fixed words, with every "
        "interpolated text (situation names included) passed through html.escape (tested in tests/ui)"),
    "st.html(html_table(frame, headers, numeric, strong, links))": (
        "src/r2p/ui/tier_tables.py", "short lists as HTML tables (the Overview's top risk, movers and reviews; the "
        "Country page's surges, decision points and reviews): every header and cell passed through html.escape, "
        "only fixed tags and styles added, a link only to an https address (tested in tests/ui)"),
    "st.html(PAGE_CSS)": (
        "src/r2p/ui/shell.py", "print and phone-width CSS (WCAG 2.1 print view, reflow): one constant (below)"),
}


def test_raw_html_only_in_the_static_event_legend_and_the_page_css() -> None:
    found = []
    for path in SOURCES:
        for line, name, call in _calls(path):
            unsafe = any(k.arg == "unsafe_allow_html" and not (isinstance(k.value, ast.Constant)
                                                               and k.value.value is False) for k in call.keywords)
            if unsafe or name in {"st.html", "components.html", "html", "st.components.v1.html"} or (
                    name.endswith(".html") and "components" in name):
                found.append((_relative(path), line, ast.unparse(call)))
    unreviewed = [f"{path}:{line}: {call[:80]}" for path, line, call in found
                  if REVIEWED_HTML.get(call, ("",))[0] != path]
    assert unreviewed == []
    assert sorted(call for _, _, call in found) == sorted(REVIEWED_HTML)  # each reviewed call made exactly once


def test_the_page_css_is_one_constant_style_element() -> None:
    from r2p.ui import shell  # noqa: PLC0415 (streamlit is imported only by the test that needs it)

    tree = ast.parse(Path(shell.__file__).read_text(encoding="utf-8"))
    assigned = [n for n in tree.body if isinstance(n, ast.Assign) and any(
        isinstance(t, ast.Name) and t.id == "PAGE_CSS" for t in n.targets)]
    assert len(assigned) == 1 and isinstance(assigned[0].value, ast.Constant)  # no f-string, nothing joined in
    stores = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == "PAGE_CSS"
              and isinstance(n.ctx, ast.Store)]
    assert len(stores) == 1  # never reassigned
    css = shell.PAGE_CSS
    assert css.startswith("<style>") and css.endswith("</style>") and css.count("<") == 2
    assert "url(" not in css and "@import" not in css  # nothing fetched, offline or not


def test_the_legend_is_built_from_constants_only() -> None:
    tree = ast.parse(Path(event_map.__file__).read_text(encoding="utf-8"))
    legend = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "violence_legend")
    assert not legend.args.args and not legend.args.vararg and not legend.args.kwarg  # nothing passed in
    assigned = {t.id for n in ast.walk(legend) for t in ast.walk(n) if isinstance(t, ast.Name)
                and isinstance(t.ctx, ast.Store)}
    read = {n.id for n in ast.walk(legend) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    assert read - assigned - set(dir(builtins)) == {"VIOLENCE"}
    violence = next(s.value for s in tree.body if isinstance(s, (ast.Assign, ast.AnnAssign))
                    and any(_binds(t, "VIOLENCE") for t in (s.targets if isinstance(s, ast.Assign) else [s.target])))
    assert ast.literal_eval(violence) == event_map.VIOLENCE  # a literal in the source, not loaded data
    markup = re.sub(r"<span style='color:#[0-9a-f]{6}'>●</span>", "", event_map.violence_legend())
    assert "<" not in markup and ">" not in markup


def test_every_st_table_shows_its_cells_as_plain_text() -> None:
    """st.table renders Markdown in every cell and header: its frame always goes through plain_table."""
    found = []
    for path in SOURCES:
        for line, name, call in _calls(path):
            if name.endswith(".table") and name.startswith("st") and call.args:
                first = call.args[0]
                if not (isinstance(first, ast.Call) and ast.unparse(first.func) == "plain_table"):
                    found.append(f"{_relative(path)}:{line}: {ast.unparse(call)}")
    assert found == []
