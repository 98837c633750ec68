"""Everything an AppTest page shows, as data: two runs showing the same thing compare equal."""

from __future__ import annotations

from typing import Any

from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

ONE_OFF = "deferredFileId"  # a download button's file id is new on every run, whatever the button holds


def shown(app: AppTest) -> list[Any]:
    """Every block and element of the page's main area, in order, as its protobuf message (chart specs, table
    cells, texts, widget options and values), without the one-off ids of deferred downloads."""
    found: list[Any] = []
    _walk(app.main, found)
    return found


def _walk(node: Any, found: list[Any]) -> None:
    proto = getattr(node, "proto", None)
    if proto is not None and hasattr(proto, "DESCRIPTOR"):
        found.append([type(node).__name__, _without_one_off(MessageToDict(proto))])
    for child in getattr(node, "children", {}).values():
        _walk(child, found)


def _without_one_off(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _without_one_off(item) for key, item in value.items() if key != ONE_OFF}
    if isinstance(value, list):
        return [_without_one_off(item) for item in value]
    return value
