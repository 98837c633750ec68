"""Rewrite the indicator table in README.md from the catalog (between the catalog markers)."""

from __future__ import annotations

import re
from pathlib import Path

from r2p.catalog import indicators

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- catalog:start -->", "<!-- catalog:end -->"


def table() -> str:
    rows = ["| id | name | unit | worse when | risk factors | source |", "|---|---|---|---|---|---|"]
    for item in indicators():
        worse = "higher" if item.higher_is_worse else "lower"
        factors = ", ".join(map(str, item.risk_factors))
        rows.append(f"| `{item.id}` | {item.name} | {item.unit} | {worse} | {factors} | {item.source} |")
    return "\n".join(rows)


def main() -> None:
    text = README.read_text(encoding="utf-8")
    updated = re.sub(f"{re.escape(START)}.*?{re.escape(END)}", f"{START}\n{table()}\n{END}", text, flags=re.S)
    README.write_text(updated, encoding="utf-8")


if __name__ == "__main__":
    main()
