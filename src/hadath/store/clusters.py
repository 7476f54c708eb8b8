"""Events across articles: the same event reported by several articles becomes one cluster.

Key: the CAMEO root and the two parties (source, target when the event is directed,
else sorted). An event joins a cluster of its key when its day lies within
``window_days`` of the cluster's first..last day; an event that falls within reach
of two clusters merges them. Assignment runs in memory per batch over the clusters
that could be reached (loaded once per key), then the batch writes the result; the
counts (mentions, articles, outlets) are recomputed in SQL for the clusters a batch
touched only, so they stay right over the whole lifetime of an event.
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


@dataclass(slots=True)
class Cluster:
    id: int
    key: str
    first: int          # proleptic ordinal of its first day
    last: int
    from_db: bool


@dataclass
class ClusterAssigner:
    """Assigns cluster ids to the events of one batch inside its transaction."""

    conn: sqlite3.Connection
    window_days: int
    next_id: int
    earliest_day: int                                   # the batch's earliest event day: older clusters cannot be reached
    by_key: dict[str, list[Cluster]] = field(default_factory=dict)
    new: dict[int, tuple[str, bool]] = field(default_factory=dict)   # id -> (key, directed) of clusters made here
    merged: dict[int, int] = field(default_factory=dict)             # cluster id -> the id it was merged into
    touched: set[int] = field(default_factory=set)

    def _clusters(self, key: str) -> list[Cluster]:
        found = self.by_key.get(key)
        if found is None:
            floor = dt.date.fromordinal(max(1, self.earliest_day - self.window_days)).isoformat()
            rows = self.conn.execute("SELECT id, first_day, last_day FROM event_clusters WHERE key = ? AND last_day >= ? "
                                     "ORDER BY first_day", (key, floor)).fetchall()
            found = [Cluster(cid, key, _ordinal(first), _ordinal(last), True) for cid, first, last in rows]
            self.by_key[key] = found
        return found

    def assign(self, key: str, directed: bool, day: int | None) -> int:
        """The cluster id for an event of ``key`` on ``day`` (a dateless event is a cluster of its own)."""
        if day is None:
            return self._make(key, directed, None)
        clusters = self._clusters(key)
        w = self.window_days
        firsts = [c.first for c in clusters]
        i = bisect.bisect_right(firsts, day + w)
        reach = []
        while i > 0 and clusters[i - 1].last >= day - w:
            reach.append(clusters[i - 1])
            i -= 1
        if not reach:
            return self._make(key, directed, day)
        keep = min(reach, key=lambda c: c.id)
        for other in reach:
            if other is not keep:
                keep.first, keep.last = min(keep.first, other.first), max(keep.last, other.last)
                clusters.remove(other)
                self._merge(other.id, keep.id)
        keep.first, keep.last = min(keep.first, day), max(keep.last, day)
        clusters.sort(key=lambda c: c.first)
        self.touched.add(keep.id)
        return keep.id

    def _make(self, key: str, directed: bool, day: int | None) -> int:
        cid = self.next_id
        self.next_id += 1
        self.new[cid] = (key, directed)
        self.touched.add(cid)
        if day is not None:
            clusters = self._clusters(key)
            bisect.insort(clusters, Cluster(cid, key, day, day, False), key=lambda c: c.first)
        return cid

    def _merge(self, gone: int, into: int) -> None:
        for old, target in list(self.merged.items()):
            if target == gone:
                self.merged[old] = into
        self.merged[gone] = into
        self.touched.discard(gone)

    def resolve(self, cid: int) -> int:
        return self.merged.get(cid, cid)

    def write(self) -> None:
        """New clusters in, merged ones folded into their survivor: before the batch's events go in (they point here)."""
        rows = []
        for cid, (key, directed) in self.new.items():
            if cid in self.merged:
                continue
            root, a, b = key.split("|")
            rows.append((cid, key, root or None, a or None, b or None, int(directed)))
        self.conn.executemany("INSERT INTO event_clusters (id, key, root, party_a, party_b, directed) VALUES (?, ?, ?, ?, ?, ?)",
                              rows)
        gone_in_db = [(self.resolve(g), g) for g in self.merged if g not in self.new]
        self.conn.executemany("UPDATE events SET cluster_id = ? WHERE cluster_id = ?", gone_in_db)
        self.conn.executemany("DELETE FROM event_clusters WHERE id = ?", [(g,) for _, g in gone_in_db])


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


def _ordinal(day: str | None) -> int:
    return dt.date.fromisoformat(day).toordinal() if day else 0
