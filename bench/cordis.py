"""``python -m bench.cordis DATA [--out RANKINGS.csv]``: the matching engine on real consortia.

DATA is a folder laid out like the CORDIS H2020 benchmark's ``dev/`` (``history.csv.gz``,
``queries.csv``, ``truth.csv``). By default the folder goes through the platform's own import path
first (``bench/cordis_models.py``): a throw-away SQLite database (never the one ``DATABASE_URL`` names)
is migrated, organisations become ``firms.Firm`` through the firms importer, projects of two or more
organisations become completed ``partnerships.Partnership`` with their parties and the coordinator as
lead, programme parts become the partnerships' keywords; the engine's inputs are read back with
``interfirm.matching.fetch`` as the site reads them, each query is its coordinator's firm profile
seeking partners in the project's programme parts on its start date, and the rankings go back to PICs.
The engine ranks every organisation of the history; the 100 best are written as ``query_id,pic,rank``
and scored by the benchmark's referee (``evaluate.py``), overall and per slice.

``--pure`` skips the database: organisations become engine profiles (``firm:<pic>``, their type as
org type, their country) and past projects past partnerships directly (``engine_inputs``); about
four times faster, for tuning. ``--grid`` (searches the network weights on a coarse grid, dev only)
and ``--set NAME=VALUE`` (overrides a weight or parameter) work on the pure path and imply it.
Nothing here knows anything of a particular split: every figure comes from the folder.

The referee needs pandas, which the project does not depend on: it is run with the first Python that
has it (``CORDIS_REFEREE_PYTHON``, this one, ``python3``), else a venv is made once under
``~/.cache/interfirm-cordis-referee``; when that fails too, the same metrics are computed here
(``score_rankings``, a port of the referee) and the table says so.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import datetime
import gzip
import itertools
import os
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from interfirm.matching.engine import (
    DEFAULT,
    Algorithm,
    MatchingIndex,
    Network,
    PastPartnership,
    Profile,
)

# CORDIS organisation types -> the platform's organisation types.
ORG_TYPES = {"PRC": "firm", "HES": "university", "REC": "research", "PUB": "public", "OTH": "other"}
MAX_RANK = 100
REFEREE = Path(__file__).resolve().parents[1].parent / "shared/data/benchmarks/cordis-h2020/evaluate.py"


def _referee_path() -> Path:
    env = os.environ.get("CORDIS_REFEREE")
    if env:
        return Path(env)
    for base in (Path(__file__).resolve().parents[1], Path.cwd()):
        for candidate in (base.parent / "shared", base / "shared", Path("/work/shared")):
            path = candidate / "data/benchmarks/cordis-h2020/evaluate.py"
            if path.exists():
                return path
    return REFEREE


def _rows(path: Path) -> list[dict[str, str]]:
    """Read a CSV (optionally gzipped) as strings: "NA" stays Namibia, nothing becomes missing."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@dataclass
class Organisation:
    pic: int
    org_type: str
    iso3: str
    country: str
    developing: bool
    parts: set[str] = field(default_factory=set)


@dataclass
class Project:
    rcn: str
    start: datetime.date
    end: datetime.date | None
    parts: frozenset[str]
    pics: list[int] = field(default_factory=list)
    coordinators: list[int] = field(default_factory=list)


@dataclass
class Query:
    query_id: str
    pic: int
    parts: frozenset[str]
    start: datetime.date
    iso3: str
    org_type: str
    high_income: bool
    developing: bool


@dataclass
class CordisData:
    organisations: dict[int, Organisation]
    projects: dict[str, Project]
    queries: list[Query]
    truth: dict[str, set[int]]
    truth_rows: list[dict[str, str]]


def _date(value: str) -> datetime.date | None:
    return datetime.date.fromisoformat(value[:10]) if value else None


def parts_of(value: str) -> frozenset[str]:
    return frozenset(p.strip() for p in value.split(";") if p.strip())


def read_folder(folder: Path) -> CordisData:
    """Read a benchmark folder into plain records."""
    organisations: dict[int, Organisation] = {}
    projects: dict[str, Project] = {}
    for row in _rows(folder / "history.csv.gz"):
        pic = int(row["pic"])
        start = _date(row["start_date"])
        if start is None:
            continue
        parts = parts_of(row["programme_part"])
        org = organisations.get(pic)
        if org is None:
            org = organisations[pic] = Organisation(
                pic,
                ORG_TYPES.get(row["type"], "other"),
                row["iso3"],
                row["country"],
                row["is_developing_wb"] == "1",
            )
        org.parts |= parts
        project = projects.get(row["rcn"])
        if project is None:
            project = projects[row["rcn"]] = Project(row["rcn"], start, _date(row["end_date"]), parts)
        if pic not in project.pics:
            project.pics.append(pic)
        if row["role"] == "coordinator" and pic not in project.coordinators:
            project.coordinators.append(pic)
    queries = [
        Query(
            q["query_id"],
            int(q["query_pic"]),
            parts_of(q["programme_part"]),
            _date(q["start_date"]) or datetime.date.today(),
            q["coord_iso3"],
            ORG_TYPES.get(q["coord_type"], "other"),
            q["coord_wb_income"] == "High income",
            q["coord_is_developing_wb"] == "1",
        )
        for q in _rows(folder / "queries.csv")
    ]
    truth_rows = _rows(folder / "truth.csv")
    truth: dict[str, set[int]] = defaultdict(set)
    for t in truth_rows:
        truth[t["query_id"]].add(int(t["pic"]))
    return CordisData(organisations, projects, queries, dict(truth), truth_rows)


def engine_inputs(data: CordisData) -> tuple[list[Profile], Network]:
    """Return the engine's profiles (one per organisation) and network (one partnership a project)."""
    profiles = [
        Profile(
            key=f"firm:{org.pic}",
            firm_id=org.pic,
            kind="profile",
            country=org.iso3,
            economy_group="developing" if org.developing else "developed",
            org_type=org.org_type,
            keywords=frozenset(org.parts),
            status="active",
        )
        for org in data.organisations.values()
    ]
    network = Network(
        tuple(
            PastPartnership(
                f"project:{p.rcn}", tuple(p.pics), p.start, p.end, p.parts, lead_ids=tuple(p.coordinators[:1])
            )
            for p in data.projects.values()
        ),
        {org.pic: org.iso3 for org in data.organisations.values()},
        {org.pic: org.org_type for org in data.organisations.values()},
    )
    return profiles, network


def query_profile(query: Query) -> Profile:
    """Return the coordinator as a query: seeking partners in the project's programme parts."""
    return Profile(
        key=f"query:{query.query_id}",
        firm_id=query.pic,
        kind="profile",
        country=query.iso3,
        org_type=query.org_type,
        keywords=query.parts,
        economy_group="developing" if query.developing else "developed",
    )


def run_queries(
    index: MatchingIndex,
    queries: Sequence[Query],
    *,
    k: int = MAX_RANK,
    weights: Mapping[str, float] | None = None,
    profile_of: Callable[[Query], Profile] = query_profile,
    pic_of: Mapping[int, int] | None = None,
) -> tuple[dict[str, list[int]], dict[str, list[str]]]:
    """Return {query_id: [pic, ...]} (best first) and the reasons of each query's first suggestion.

    ``profile_of`` makes each query's profile; ``pic_of`` maps the index's firm ids to PICs when they
    are not the PICs themselves (through the models they are database ids).
    """
    rankings: dict[str, list[int]] = {}
    reasons: dict[str, list[str]] = {}
    for q in queries:
        outcome = index.suggest(profile_of(q), k=k, today=q.start, weights=weights)
        rankings[q.query_id] = [s.firm_id if pic_of is None else pic_of[s.firm_id] for s in outcome]
        if outcome.suggestions:
            reasons[q.query_id] = [r.text for r in outcome.suggestions[0].reasons if r.contribution > 0][:4]
    return rankings, reasons


def write_rankings(path: Path, rankings: Mapping[str, list[int]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["query_id", "pic", "rank"])
        for qid, pics in rankings.items():
            for i, pic in enumerate(pics[:MAX_RANK], 1):
                w.writerow([qid, pic, i])


# -- the referee's metrics, ported (used by the grid, and when pandas cannot be had) ---------------


def _metrics(ranked: Sequence[int], truth: set[int], k: int = 20) -> tuple[float, float, float, float]:
    hits = [i for i, pic in enumerate(ranked[:MAX_RANK], 1) if pic in truth]
    top = [i for i in hits if i <= k]
    recall = len(top) / len(truth)
    dcg = sum(1.0 / np.log2(i + 1.0) for i in top)
    idcg = sum(1.0 / np.log2(i + 1.0) for i in range(1, min(len(truth), k) + 1))
    mrr = 1.0 / hits[0] if hits else 0.0
    return recall, dcg / idcg, mrr, 1.0 if top else 0.0


def slices(data: CordisData) -> dict[str, tuple[list[Query], dict[str, set[int]]]]:
    prc: dict[str, set[int]] = defaultdict(set)
    developing: set[str] = set()
    for t in data.truth_rows:
        if t["type"] == "PRC":
            prc[t["query_id"]].add(int(t["pic"]))
        if t["is_developing_wb"] == "1":
            developing.add(t["query_id"])
    qs = data.queries
    return {
        "all": (qs, data.truth),
        "a_firm_truth": ([q for q in qs if q.query_id in prc], dict(prc)),
        "b_north_south": ([q for q in qs if q.high_income and q.query_id in developing], data.truth),
        "c_south_coord": ([q for q in qs if q.developing], data.truth),
    }


def score_rankings(data: CordisData, rankings: Mapping[str, list[int]]) -> dict[str, dict[str, float]]:
    """Return {slice: {queries, recall, ndcg, mrr, hit}} computed as the referee does."""
    out: dict[str, dict[str, float]] = {}
    for name, (qs, truth) in slices(data).items():
        rows = []
        for q in qs:
            ranked: list[int] = []
            seen = {q.pic}
            for pic in rankings.get(q.query_id, []):
                if pic not in seen:
                    seen.add(pic)
                    ranked.append(pic)
            t = truth.get(q.query_id, set())
            if t:
                rows.append(_metrics(ranked, t))
        arr = np.asarray(rows) if rows else np.zeros((0, 4))
        out[name] = {"queries": len(rows)} | {
            m: float(arr[:, i].mean()) if len(rows) else float("nan")
            for i, m in enumerate(("recall", "ndcg", "mrr", "hit"))
        }
    return out


def format_scores(scores: Mapping[str, Mapping[str, float]]) -> str:
    lines = [f"{'slice':<15}{'queries':>8}{'recall@20':>11}{'ndcg@20':>10}{'mrr':>8}{'hit@20':>8}"]
    for name, row in scores.items():
        lines.append(
            f"{name:<15}{int(row['queries']):>8d}{row['recall']:>11.4f}{row['ndcg']:>10.4f}{row['mrr']:>8.4f}{row['hit']:>8.4f}"
        )
    return "\n".join(lines)


def _has_pandas(py: str) -> bool:
    try:
        return subprocess.run([py, "-c", "import pandas"], capture_output=True).returncode == 0
    except OSError:  # no such interpreter (the cached venv not made yet)
        return False


def _python_with_pandas() -> str | None:
    candidates = [os.environ.get("CORDIS_REFEREE_PYTHON", ""), sys.executable, "python3"]
    cache = Path.home() / ".cache/interfirm-cordis-referee"
    candidates.append(str(cache / "bin/python"))
    for py in candidates:
        if py and _has_pandas(py):
            return py
    print("(the referee needs pandas: making a venv with pandas under ~/.cache/interfirm-cordis-referee)")
    made = subprocess.run([sys.executable, "-m", "venv", str(cache)], capture_output=True).returncode == 0
    if (
        made
        and subprocess.run(
            [str(cache / "bin/pip"), "install", "-q", "pandas"], capture_output=True
        ).returncode
        == 0
    ):
        return str(cache / "bin/python")
    return None


def referee(rankings_path: Path, folder: Path) -> str | None:
    """Run the benchmark's evaluate.py; return its output, or None when it cannot be run."""
    script = _referee_path()
    py = _python_with_pandas() if script.exists() else None
    if py is None:
        return None
    done = subprocess.run([py, str(script), str(rankings_path), str(folder)], capture_output=True, text=True)
    return done.stdout + done.stderr if done.returncode == 0 else None


# -- tuning ------------------------------------------------------------------------------------------

GRID_FEATURES = (
    "track_record",
    "past_partners",
    "network_proximity",
    "field_activity",
    "country_affinity",
    "org_type_affinity",
)


def grid(
    index: MatchingIndex, data: CordisData, grid_values: Mapping[str, Sequence[float]]
) -> list[tuple[float, dict[str, float]]]:
    """Score every weight combination of ``grid_values`` (recall@20, all queries), best first.

    The feature vectors of each query are computed once; each combination only re-ranks them.
    """
    names = list(grid_values)
    combos = [dict(zip(names, values, strict=True)) for values in itertools.product(*grid_values.values())]
    totals = np.zeros(len(combos))
    counted = 0
    for q in data.queries:
        truth = data.truth.get(q.query_id)
        if not truth:
            continue
        query = query_profile(q)
        rows, batch = index.feature_scores(query, today=q.start, names=names)
        matrix = np.stack([batch[n] for n in names], axis=1)
        pics = index.firm_ids(rows)
        relevant = np.isin(pics, np.fromiter(truth, dtype=np.int64))
        weights = np.asarray([[c[n] for n in names] for c in combos]).T  # features x combos
        scores = matrix @ weights
        for j in range(len(combos)):
            top = np.argpartition(-scores[:, j], 20)[:20]
            totals[j] += relevant[top].sum() / len(truth)
        counted += 1
    results = [(totals[j] / max(counted, 1), combos[j]) for j in range(len(combos))]
    results.sort(key=lambda r: -r[0])
    return results


def build_index(data: CordisData, algorithm: Algorithm = DEFAULT) -> MatchingIndex:
    profiles, network = engine_inputs(data)
    return MatchingIndex(profiles, network, algorithm=algorithm)


def main(argv: Iterable[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("data", type=Path, help="a folder laid out like the benchmark's dev/")
    ap.add_argument("--out", type=Path, default=Path("var/cordis-rankings.csv"))
    path = ap.add_mutually_exclusive_group()
    path.add_argument(
        "--pure", action="store_true", help="skip the platform's models: the folder straight into the engine"
    )
    path.add_argument(
        "--through-models",
        action="store_true",
        help="load into the platform's models first (the default; kept for older command lines)",
    )
    ap.add_argument("--grid", action="store_true", help="search the network weights (tuning; implies --pure)")
    ap.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a weight or parameter of the algorithm (tuning; implies --pure)",
    )
    a = ap.parse_args(list(argv) if argv is not None else None)
    if (a.grid or a.set) and a.through_models:
        ap.error("--grid and --set tune on the pure path; leave out --through-models")
    through_models = not (a.pure or a.grid or a.set)
    t0 = time.perf_counter()
    data = read_folder(a.data)
    print(
        f"{a.data}: {len(data.organisations)} organisations, {len(data.projects)} past projects, "
        f"{len(data.queries)} queries (read in {time.perf_counter() - t0:.1f} s)"
    )
    t1 = time.perf_counter()
    profile_of: Callable[[Query], Profile] = query_profile
    pic_of: Mapping[int, int] | None = None
    if through_models:
        from bench.cordis_models import index_through_models

        loaded = index_through_models(data)
        index, profile_of, pic_of = loaded.index, loaded.query_profile, loaded.pics
        how = "through the platform's models"
    else:
        algorithm = DEFAULT
        for item in a.set:
            name, _, value = item.partition("=")
            if name in algorithm.weights:
                algorithm = algorithm.with_weights({name: float(value)})
            else:
                algorithm = dataclasses.replace(
                    algorithm,
                    params={**algorithm.params, name: float(value)},
                    version=f"{algorithm.version}+",
                )
        index = build_index(data, algorithm)
        how = "pure path"
    print(f"index built {how} in {time.perf_counter() - t1:.1f} s (algorithm {index.algorithm.version})")
    if a.grid:
        values: dict[str, Sequence[float]] = {
            "track_record": (0.0, 0.5, 1.0),
            "past_partners": (0.5, 1.0, 2.0),
            "network_proximity": (0.5, 1.0, 2.0),
            "field_activity": (0.5, 1.0, 2.0),
            "country_affinity": (0.0, 0.5, 1.0),
            "org_type_affinity": (0.0, 0.5, 1.0),
        }
        for recall, combo in grid(index, data, values)[:10]:
            print(f"recall@20={recall:.4f}  {combo}")
        return
    t2 = time.perf_counter()
    rankings, reasons = run_queries(index, data.queries, profile_of=profile_of, pic_of=pic_of)
    elapsed = time.perf_counter() - t2
    write_rankings(a.out, rankings)
    print(
        f"ranked {len(rankings)} queries in {elapsed:.1f} s ({1000 * elapsed / max(len(rankings), 1):.1f} ms each); wrote {a.out}"
    )
    first = next(iter(reasons.items()), None)
    if first:
        print(f"reasons of the first suggestion of {first[0]}: " + "; ".join(first[1]))
    output = referee(a.out, a.data)
    if output:
        print("referee (evaluate.py):")
        print(output.rstrip())
    else:
        print("referee unavailable (no pandas); the same metrics computed by bench/cordis.py:")
        print(format_scores(score_rankings(data, rankings)))
    print(f"total {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
