"""The cost-curve plot for BENCHMARKS.md: seconds of the event queries against events held, as a plain SVG.

NOTE: drawn by hand rather than exported with plotly+kaleido, so making it needs no Chromium and the file is
small, deterministic text that diffs well in a commit.
"""

from __future__ import annotations

from html import escape

WIDTH, HEIGHT, MARGIN = 560, 340, 60


def cost_curve_svg(points: list[dict], title: str) -> str:
    """points: [{events, seconds}] as `r2p bench` reports them; a line with the measured points, and the
    "time grows as fast as data" line from the first point as a dashed reference."""
    most_events = max(p["events"] for p in points)
    most_seconds = max(*(p["seconds"] for p in points), points[0]["seconds"] * most_events / points[0]["events"])

    def x(events: float) -> float:
        return MARGIN + (WIDTH - 2 * MARGIN) * events / most_events

    def y(seconds: float) -> float:
        return HEIGHT - MARGIN - (HEIGHT - 2 * MARGIN) * seconds / most_seconds

    measured = " ".join(f"{x(p['events']):.1f},{y(p['seconds']):.1f}" for p in points)
    slope = points[0]["seconds"] / points[0]["events"]
    linear = f"{x(0):.1f},{y(0):.1f} {x(most_events):.1f},{y(slope * most_events):.1f}"
    dots = "".join(f'<circle cx="{x(p["events"]):.1f}" cy="{y(p["seconds"]):.1f}" r="4" fill="#0072b2"/>'
                   f'<text x="{x(p["events"]):.1f}" y="{y(p["seconds"]) - 10:.1f}" text-anchor="middle">'
                   f'{p["seconds"]:.3g} s</text>' for p in points)
    ticks = "".join(f'<text x="{x(p["events"]):.1f}" y="{HEIGHT - MARGIN + 18}" text-anchor="middle">'
                    f'{p["events"] / 1e6:.3g} M</text>' for p in points)
    return f"""<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" font-family="sans-serif" \
font-size="12">
<rect width="100%" height="100%" fill="white"/>
<text x="{MARGIN}" y="24" font-size="14" font-weight="bold">{escape(title)}</text>
<line x1="{MARGIN}" y1="{HEIGHT - MARGIN}" x2="{WIDTH - MARGIN}" y2="{HEIGHT - MARGIN}" stroke="#333"/>
<line x1="{MARGIN}" y1="{MARGIN}" x2="{MARGIN}" y2="{HEIGHT - MARGIN}" stroke="#333"/>
<polyline points="{linear}" fill="none" stroke="#999" stroke-dasharray="5,4"/>
<polyline points="{measured}" fill="none" stroke="#0072b2" stroke-width="2"/>
{dots}{ticks}
<text x="{WIDTH / 2}" y="{HEIGHT - 15}" text-anchor="middle">events held</text>
<text x="15" y="{HEIGHT / 2}" transform="rotate(-90 15 {HEIGHT / 2})" text-anchor="middle">seconds</text>
<text x="{WIDTH - MARGIN}" y="{MARGIN - 8}" text-anchor="end" fill="#777">dashed: time growing as fast as data</text>
</svg>
"""
