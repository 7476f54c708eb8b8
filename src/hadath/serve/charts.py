"""Geometry of the dashboard's two charts, computed on the server so that the page needs no JavaScript:
the timeline as stacked bars (one per day, month or year, one layer per CAMEO root) and the actor network
as a circle of parties with weighted edges. The templates only draw what these return."""

from __future__ import annotations

import math
from dataclasses import dataclass
from urllib.parse import urlencode

from .aggregates import Network, Timeline
from .labels import root_label


@dataclass(slots=True)
class Bar:
    x: float
    y: float
    w: float
    h: float
    root: str
    count: int
    title: str
    href: str


@dataclass(slots=True)
class Tick:
    x: float
    y: float
    text: str


@dataclass(slots=True)
class TimelineChart:
    width: int
    height: int
    bars: list[Bar]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    plot_left: float
    plot_right: float
    plot_bottom: float
    legend: list[tuple[str, str, int]]       # root, name, events


def _nice_max(value: int) -> int:
    if value <= 5:
        return max(value, 1)
    magnitude = 10 ** int(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return int(step * magnitude)
    return value


def timeline_chart(tl: Timeline, width: int = 1240, height: int = 300, max_x_labels: int = 12) -> TimelineChart:
    left, right, top, bottom = 56.0, width - 12.0, 12.0, height - 36.0
    n = max(len(tl.buckets), 1)
    band = (right - left) / n
    bar_w = min(max(band * 0.78, 1.0), 56.0)
    peak = _nice_max(max((b.total for b in tl.buckets), default=0))
    scale = (bottom - top) / peak
    bars: list[Bar] = []
    for k, bucket in enumerate(tl.buckets):
        x = left + k * band + (band - bar_w) / 2
        y = bottom
        for root in tl.roots:
            count = bucket.counts.get(root, 0)
            if not count:
                continue
            h = count * scale
            y -= h
            query = urlencode({"root": root, "since": bucket.since, "until": bucket.until})
            bars.append(Bar(round(x, 2), round(y, 2), round(bar_w, 2), round(h, 2), root, count,
                            f"{bucket.label}: {count} × {root} {root_label(root)}", f"/ui/events?{query}"))
    every = max(1, math.ceil(n / max_x_labels))
    x_ticks = [Tick(round(left + k * band + band / 2, 2), bottom + 18, b.label)
               for k, b in enumerate(tl.buckets) if k % every == 0]
    y_ticks = [Tick(left - 8, round(bottom - v * scale, 2), f"{v:,}") for v in sorted({0, peak // 2, peak})]
    totals: dict[str, int] = {}
    for b in tl.buckets:
        for root, c in b.counts.items():
            totals[root] = totals.get(root, 0) + c
    legend = [(r, root_label(r), totals.get(r, 0)) for r in tl.roots]
    return TimelineChart(width, height, bars, x_ticks, y_ticks, left, right, bottom, legend)


@dataclass(slots=True)
class NodeMark:
    code: str
    name: str
    weight: int
    x: float
    y: float
    r: float
    label_x: float
    label_y: float
    anchor: str          # text-anchor of the label: start, middle, end (labels point away from the circle)


@dataclass(slots=True)
class EdgeMark:
    a: str
    b: str
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    weight: int
    title: str
    mid_x: float
    mid_y: float
    href: str


@dataclass(slots=True)
class NetworkChart:
    width: int
    height: int
    nodes: list[NodeMark]
    edges: list[EdgeMark]


def network_chart(net: Network, width: int = 900, height: int = 600) -> NetworkChart:
    """Parties on a circle, heaviest at the top and going clockwise; labels outside so that none overlaps an edge."""
    cx, cy = width / 2, height / 2
    radius = min(width, height) / 2 - 90
    n = len(net.nodes)
    top = max((nd["weight"] for nd in net.nodes), default=1)
    heaviest_edge = max((e["weight"] for e in net.edges), default=1)
    marks: dict[str, NodeMark] = {}
    for k, nd in enumerate(net.nodes):
        angle = -math.pi / 2 + 2 * math.pi * k / max(n, 1)
        cos, sin = math.cos(angle), math.sin(angle)
        r = 7 + 15 * math.sqrt(nd["weight"] / top)
        x, y = cx + radius * cos, cy + radius * sin
        reach = r + 8
        anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
        label_y = y + sin * reach + (5 if abs(sin) < 0.95 else (16 if sin > 0 else -4))
        marks[nd["code"]] = NodeMark(nd["code"], nd["name"], nd["weight"], round(x, 2), round(y, 2), round(r, 2),
                                     round(x + cos * reach, 2), round(label_y, 2), anchor)
    edges = []
    for e in net.edges:
        a, b = marks[e["a"]], marks[e["b"]]
        parts = [f"{e['meet']} met"] if e["meet"] else []
        parts += [f"{e['sign']} signed"] if e["sign"] else []
        edges.append(EdgeMark(e["a"], e["b"], a.x, a.y, b.x, b.y, round(1.5 + 8 * e["weight"] / heaviest_edge, 2),
                              e["weight"], f"{e['a_name']} – {e['b_name']}: {e['weight']} events ({', '.join(parts)})",
                              round((a.x + b.x) / 2, 2), round((a.y + b.y) / 2, 2),
                              f"/ui/events?{urlencode({'pair': e['a'] + ',' + e['b']})}"))
    return NetworkChart(width, height, list(marks.values()), edges)
