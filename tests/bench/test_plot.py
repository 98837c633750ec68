"""The cost-curve SVG: one dot and label per measured point, and the linear reference line."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from r2p.bench.plot import cost_curve_svg

POINTS = [{"events": 1_000_000, "seconds": 0.5}, {"events": 2_000_000, "seconds": 0.9},
          {"events": 4_000_000, "seconds": 2.0}]


def test_each_measured_point_is_a_dot_labelled_with_its_seconds_and_events() -> None:
    svg = ET.fromstring(cost_curve_svg(POINTS, "Cost <curve>"))
    ns = "{http://www.w3.org/2000/svg}"
    assert len(svg.findall(f"{ns}circle")) == 3
    texts = [t.text for t in svg.findall(f"{ns}text")]
    assert {"0.5 s", "0.9 s", "2 s", "1 M", "2 M", "4 M", "Cost <curve>"} <= set(texts)


def test_the_slowest_point_sits_highest_and_the_reference_line_grows_linearly() -> None:
    svg = ET.fromstring(cost_curve_svg(POINTS, "t"))
    ns = "{http://www.w3.org/2000/svg}"
    heights = [float(c.get("cy")) for c in svg.findall(f"{ns}circle")]
    assert heights[0] > heights[1] > heights[2]  # SVG y grows downwards
    reference = svg.findall(f"{ns}polyline")[0].get("points").split()
    assert len(reference) == 2 and reference[0] != reference[1]
