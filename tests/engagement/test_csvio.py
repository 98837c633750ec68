"""CSV export and import: a round trip gives identical rows; a refused import leaves the warehouse byte-identical."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from r2p.access.rights import Role, User, command_line_user
from r2p.engagement.csvio import export_registry, import_registry
from r2p.engagement.registry import load_registry
from r2p.warehouse import Warehouse
from r2p.warehouse.queries import query
from tests.helpers.engagement import empty_registry
from tests.helpers.warehouses import contents, copy_of

ADMIN = command_line_user()

TABLES = ("read/actors", "read/situations", "read/engagements")


def _rows(warehouse: Warehouse) -> dict[str, list[tuple]]:
    return {name: list(query(warehouse, name).itertuples(index=False)) for name in TABLES}


def test_export_then_import_into_a_fresh_warehouse_gives_identical_rows(seeded: Warehouse, tmp_path: Path,
                                                                        empty_template_warehouse: Path) -> None:
    written = export_registry(seeded, tmp_path / "export")
    assert written == {"actors.csv": len(query(seeded, "read/actors")),
                       "situations.csv": len(query(seeded, "read/situations")),
                       "engagements.csv": len(query(seeded, "read/engagements"))}
    fresh = empty_registry(copy_of(empty_template_warehouse, tmp_path / "fresh.duckdb"))
    result = import_registry(fresh, tmp_path / "export", ADMIN)
    assert result.status == "loaded" and result.changed["engagements"] == written["engagements.csv"]
    assert str(_rows(fresh)) == str(_rows(seeded))
    export_registry(fresh, tmp_path / "again")
    for name in written:
        assert (tmp_path / "again" / name).read_bytes() == (tmp_path / "export" / name).read_bytes()
    assert import_registry(fresh, tmp_path / "export", ADMIN).status == "unchanged"


def test_a_refused_import_changes_nothing_and_names_every_problem(seeded: Warehouse, tmp_path: Path) -> None:
    export_registry(seeded, tmp_path / "bad")
    path = tmp_path / "bad" / "engagements.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(",2005-03-29,", ",2005-02-30,")
    lines.append("999,un.nobody,sdn,mandate,Unknown actor,2020,,true,,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = seeded.path.read_bytes(), seeded.current_file().read_bytes()
    result = import_registry(seeded, tmp_path / "bad", ADMIN)
    assert result.status == "refused"
    texts = [str(p) for p in result.problems]
    assert any(t.startswith("engagements.csv, row 2, column \"started\": '2005-02-30': is not a date") for t in texts)
    assert f"engagements.csv, row {len(lines)}, column \"actor_id\": 'un.nobody': is not an actor in actors.csv or" \
           " the warehouse" in texts
    assert (seeded.path.read_bytes(), seeded.current_file().read_bytes()) == before


def test_an_import_upserts_by_id_and_audits_each_changed_row_with_before_and_after(seeded: Warehouse,
                                                                                   tmp_path: Path) -> None:
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "engagements.csv").write_text(
        "engagement_id,actor_id,situation_id,kind,title,started,ended,verified,source_url,note\n"
        "1,un.sc.1591,sdn,sanctions,Sudan sanctions (renamed),2005-03-29,,true,,\n"
        "200001,un.dppa,bfa,briefing,Briefing on Burkina Faso,2026-11,2026-11,false,,\n", encoding="utf-8")
    result = import_registry(seeded, folder, User("tester", Role.ADMIN, "command line"), reason="quarterly update")
    assert result.status == "loaded" and result.changed == {"engagements": 2}
    engagements = load_registry(seeded).engagements.set_index("engagement_id")
    assert engagements.at[1, "title"] == "Sudan sanctions (renamed)"
    assert engagements.at[200001, "started_precision"] == "month"
    audit = [row for row in contents(seeded.current_file())["audit_log"] if row[2] == "tester"]
    assert {(row[3], row[4], row[5]) for row in audit} == {("import", "engagement", "1"),
                                                          ("import", "engagement", "200001")}
    renamed = next(row for row in audit if row[5] == "1")
    assert json.loads(renamed[6])["title"].startswith("Sudan sanctions regime")
    assert json.loads(renamed[7])["reason"] == "quarterly update"


def test_a_folder_without_registry_files_is_refused(seeded: Warehouse, tmp_path: Path) -> None:
    result = import_registry(seeded, tmp_path, ADMIN)
    assert result.status == "refused" and "holds none of actors.csv" in str(result.problems[0])


def test_a_copy_of_the_seed_folder_imports_as_unchanged(seeded: Warehouse, tmp_path: Path) -> None:
    from r2p.engagement.seed import seed_directory

    shutil.copytree(seed_directory(), tmp_path / "seed", ignore=shutil.ignore_patterns("regional_coverage.csv"))
    assert import_registry(seeded, tmp_path / "seed", ADMIN).status == "unchanged"
