"""``python -m bench.cordis_split HISTORY_FOLDER OUT_FOLDER --cutoff YYYY-MM-DD``: a sanity split
made from a benchmark folder's history alone, by the benchmark's protocol (dev/README.md):

history = projects starting on or before the cutoff; queries = projects starting in the year after
it with at least 3 distinct organisations, at least one private company (PRC), a coordinator (the
first coordinator row in file order) seen in the history; truth = the project's other participants
and partners seen in the history; queries left with no truth are skipped.

Used to check that weights tuned on dev do not overfit: e.g. dev's history to 2016, queries 2017.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import gzip
from collections import defaultdict
from pathlib import Path

QUERY_COLUMNS = [
    "query_id", "rcn", "query_pic", "programme_part", "start_date", "coord_country", "coord_iso3",
    "coord_type", "coord_wb_income", "coord_is_developing_wb",
]  # fmt: skip
TRUTH_COLUMNS = ["query_id", "pic", "role", "type", "country", "iso3", "is_developing_wb"]


def make_split(source: Path, out: Path, cutoff: datetime.date) -> tuple[int, int]:
    """Write history.csv.gz, queries.csv and truth.csv under ``out``; return (queries, truth pairs)."""
    with gzip.open(source / "history.csv.gz", "rt", encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header = list(reader.fieldnames or [])
        rows = list(reader)
    end = datetime.date(cutoff.year + 1, 12, 31)
    history = [r for r in rows if r["start_date"] and r["start_date"][:10] <= cutoff.isoformat()]
    later = [
        r for r in rows if r["start_date"] and cutoff.isoformat() < r["start_date"][:10] <= end.isoformat()
    ]
    known = {r["pic"] for r in history}
    out.mkdir(parents=True, exist_ok=True)
    with gzip.open(out / "history.csv.gz", "wt", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, header)
        w.writeheader()
        w.writerows(history)
    projects: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in later:
        projects[r["rcn"]].append(r)
    queries: list[dict[str, str]] = []
    truth: list[dict[str, str]] = []
    for rcn in sorted(projects, key=lambda k: (projects[k][0]["start_date"], int(k))):
        members = projects[rcn]
        if len({m["pic"] for m in members}) < 3 or not any(m["type"] == "PRC" for m in members):
            continue
        coordinator = next((m for m in members if m["role"] == "coordinator"), None)
        if coordinator is None or coordinator["pic"] not in known:
            continue
        qid = f"sanity-{len(queries) + 1:05d}"
        seen = {coordinator["pic"]}
        pairs = []
        for m in members:
            if m["role"] in ("participant", "partner") and m["pic"] in known and m["pic"] not in seen:
                seen.add(m["pic"])
                pairs.append({"query_id": qid} | {c: m[c] for c in TRUTH_COLUMNS if c != "query_id"})
        if not pairs:
            continue
        c = coordinator
        queries.append(
            {
                "query_id": qid, "rcn": rcn, "query_pic": c["pic"], "programme_part": c["programme_part"],
                "start_date": c["start_date"], "coord_country": c["country"], "coord_iso3": c["iso3"],
                "coord_type": c["type"], "coord_wb_income": c["wb_income_fy2026"],
                "coord_is_developing_wb": c["is_developing_wb"],
            }
        )  # fmt: skip
        truth.extend(pairs)
    for name, columns, data in (("queries.csv", QUERY_COLUMNS, queries), ("truth.csv", TRUTH_COLUMNS, truth)):
        with open(out / name, "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, columns)
            w.writeheader()
            w.writerows(data)
    return len(queries), len(truth)


def main() -> None:
    ap = argparse.ArgumentParser(description="Make a sanity split from a benchmark folder's history.")
    ap.add_argument("source", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--cutoff", type=datetime.date.fromisoformat, default=datetime.date(2016, 12, 31))
    a = ap.parse_args()
    n, t = make_split(a.source, a.out, a.cutoff)
    print(f"{a.out}: {n} queries, {t} truth pairs (history to {a.cutoff})")


if __name__ == "__main__":
    main()
