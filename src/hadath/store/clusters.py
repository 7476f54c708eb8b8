"""Events across articles: the same event reported by several articles becomes one cluster.

Key: the CAMEO root and the two parties (source, target when the event is directed,
else sorted). A cluster is anchored on the day of its first report; a later report
of the same key joins the cluster whose anchor is nearest, if within ``window_days``
of it, else it starts a cluster of its own. Anchoring (rather than chaining each
report to the last) keeps an event's span to two windows at most: a pair that meets
every few days for a year is many meetings, not one. Assignment runs in memory per
batch over the clusters that could be reached (loaded once per key); the counts
(mentions, articles, outlets) are then recomputed in SQL for the clusters the batch
touched, so they stay right over the whole lifetime of an event.
"""

from __future__ import annotations

import bisect
import datetime as dt
import sqlite3
from dataclasses import dataclass, field


def party(actor: str | None) -> str | None:
    """The party of a CAMEO actor code: its first three letters, or the three after ``IGO``."""
    if not actor:
        return None
    code = actor.upper()
    if code.startswith("IGO") and len(code) >= 6:
        return code[3:6]
    return code[:3]


def cluster_key(root: str | None, source_party: str | None, target_party: str | None, directed: bool) -> str:
    a, b = source_party or "", target_party or ""
    if not directed and b < a:
        a, b = b, a
    return f"{root or ''}|{a}|{b}"


@dataclass
class ClusterAssigner:
    """Assigns cluster ids to the events of one batch inside its transaction."""

    conn: sqlite3.Connection
    window_days: int
    next_id: int
    earliest_day: int                                   # the batch's earliest event day: older anchors cannot be reached
    anchors: dict[str, list[tuple[int, int]]] = field(default_factory=dict)   # key -> sorted (anchor ordinal, id)
    new: list[tuple] = field(default_factory=list)     # rows of the clusters made in this batch
    touched: set[int] = field(default_factory=set)

    def _anchors(self, key: str) -> list[tuple[int, int]]:
        found = self.anchors.get(key)
        if found is None:
            floor = dt.date.fromordinal(max(1, self.earliest_day - self.window_days)).isoformat()
            rows = self.conn.execute("SELECT anchor_day, id FROM event_clusters WHERE key = ? AND anchor_day >= ?",
                                     (key, floor)).fetchall()
            found = sorted((dt.date.fromisoformat(day).toordinal(), cid) for day, cid in rows)
            self.anchors[key] = found
        return found

    def assign(self, key: str, directed: bool, day: int | None) -> int:
        """The cluster id for an event of ``key`` on ``day`` (a dateless event is a cluster of its own)."""
        if day is not None:
            anchors = self._anchors(key)
            w = self.window_days
            lo = bisect.bisect_left(anchors, (day - w, -1))
            hi = bisect.bisect_right(anchors, (day + w, 1 << 62))
            if lo < hi:
                _, cid = min(anchors[lo:hi], key=lambda a: (abs(a[0] - day), a[1]))
                self.touched.add(cid)
                return cid
        cid = self.next_id
        self.next_id += 1
        root, a, b = key.split("|")
        anchor = dt.date.fromordinal(day).isoformat() if day is not None else None
        self.new.append((cid, key, root or None, a or None, b or None, int(directed), anchor))
        if day is not None:
            bisect.insort(self._anchors(key), (day, cid))
        self.touched.add(cid)
        return cid

    def write(self) -> None:
        """The batch's new clusters: before its events go in (they point here)."""
        self.conn.executemany("INSERT INTO event_clusters (id, key, root, party_a, party_b, directed, anchor_day) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?)", self.new)


REFRESH_COUNTS = """
UPDATE event_clusters SET
  mentions       = (SELECT count(*) FROM events WHERE cluster_id = :id),
  articles       = (SELECT count(DISTINCT document_id) FROM events WHERE cluster_id = :id),
  outlets        = (SELECT count(DISTINCT s.outlet) FROM document_sources s
                    WHERE s.document_id IN (SELECT document_id FROM events WHERE cluster_id = :id)),
  first_day      = (SELECT min(day) FROM events WHERE cluster_id = :id),
  last_day       = (SELECT max(day) FROM events WHERE cluster_id = :id),
  first_event_id = (SELECT min(id) FROM events WHERE cluster_id = :id),
  code           = (SELECT code FROM events WHERE cluster_id = :id ORDER BY id LIMIT 1)
WHERE id = :id
"""


def refresh_counts(conn: sqlite3.Connection, cluster_ids: set[int]) -> None:
    """Recompute the counts of the clusters a batch touched, from the rows themselves."""
    conn.executemany(REFRESH_COUNTS, [{"id": cid} for cid in sorted(cluster_ids)])
