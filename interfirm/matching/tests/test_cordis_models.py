"""The CORDIS benchmark through the platform's models (``bench/cordis_models.py``), on a tiny folder:
organisations imported as firms, projects recorded as completed partnerships, the engine's inputs read
back with ``fetch``, and the rows written in bulk equal to those the partnership services write."""

from __future__ import annotations

import csv
import gzip
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bench.cordis import CordisData, Project, main, read_folder, run_queries
from bench.cordis_models import (
    ARRANGEMENT,
    CONSENT_NOTE,
    END_REASON,
    ModelsIndex,
    index_from_models,
    record_completed,
)
from interfirm.audit.models import AuditEntry
from interfirm.firms.models import Firm
from interfirm.partnerships.models import Partnership, PartnershipStage
from interfirm.partnerships.services import (
    PartyInput,
    partnership_record,
    partnership_stage_change,
    party_role,
)
from interfirm.testing import make_firm, make_intermediary, make_user

pytestmark = pytest.mark.django_db

# pic: (CORDIS type, iso3)
ORGANISATIONS = {
    101: ("PRC", "DEU"),  # coordinates q1; worked with 102 in SC1 and with 103 in LEIT
    102: ("HES", "FRA"),
    103: ("REC", "ITA"),
    104: ("PRC", "ESP"),  # coordinates q2; worked with 102 in SC1
    105: ("OTH", "KEN"),  # alone on an ERC grant: not a partnership
    106: ("PRC", "XKX"),  # Kosovo: a reference country outside the M49 list
    107: ("PRC", "XXX"),  # an unknown country: refused by the importer
}
# rcn: (start, end, programme parts, pics)
PROJECTS = {
    "1": ("2015-01-01", "2017-12-31", "SC1", (101, 102)),
    "2": ("2016-01-01", "2018-06-30", "LEIT", (101, 103)),
    "3": ("2017-01-01", "2019-12-31", "SC1;SC2", (104, 102, 106, 107)),
    "4": ("2016-05-01", "2021-04-30", "ERC", (105,)),
}
# query_id: (coordinator, programme parts, start)
QUERIES = {"q1": (101, "SC1", "2018-03-01"), "q2": (104, "SC1", "2018-06-01")}
TRUTH = {"q1": (102,), "q2": (102,)}


HISTORY_COLUMNS = (
    "rcn", "pic", "role", "type", "country", "iso3", "is_developing_wb", "start_date", "end_date",
    "programme_part",
)  # fmt: skip
QUERY_COLUMNS = (
    "query_id", "rcn", "query_pic", "programme_part", "start_date", "coord_country", "coord_iso3",
    "coord_type", "coord_wb_income", "coord_is_developing_wb",
)  # fmt: skip
TRUTH_COLUMNS = ("query_id", "pic", "role", "type", "is_developing_wb")


def _org(pic: int) -> dict[str, str]:
    kind, iso3 = ORGANISATIONS[pic]
    return {
        "type": kind,
        "iso3": iso3,
        "country": iso3[:2],
        "is_developing_wb": "1" if iso3 == "KEN" else "0",
    }


def _write_csv(path: Path, columns: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    with (gzip.open if path.suffix == ".gz" else open)(path, "wt", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, columns)
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Write a folder laid out like the benchmark's ``dev/``."""
    history = [
        {
            "rcn": rcn,
            "pic": pic,
            "role": "coordinator" if i == 0 else "participant",
            **_org(pic),
            "start_date": start,
            "end_date": end,
            "programme_part": parts,
        }
        for rcn, (start, end, parts, pics) in PROJECTS.items()
        for i, pic in enumerate(pics)
    ]
    queries = [
        {
            "query_id": qid,
            "rcn": f"9{n}",
            "query_pic": pic,
            "programme_part": parts,
            "start_date": start,
            "coord_country": _org(pic)["country"],
            "coord_iso3": _org(pic)["iso3"],
            "coord_type": _org(pic)["type"],
            "coord_wb_income": "High income",
            "coord_is_developing_wb": "0",
        }
        for n, (qid, (pic, parts, start)) in enumerate(QUERIES.items())
    ]
    truth = [
        {
            "query_id": qid,
            "pic": pic,
            "role": "participant",
            "type": _org(pic)["type"],
            "is_developing_wb": "0",
        }
        for qid, pics in TRUTH.items()
        for pic in pics
    ]
    _write_csv(tmp_path / "history.csv.gz", HISTORY_COLUMNS, history)
    _write_csv(tmp_path / "queries.csv", QUERY_COLUMNS, queries)
    _write_csv(tmp_path / "truth.csv", TRUTH_COLUMNS, truth)
    return tmp_path


@pytest.fixture
def loaded(folder: Path) -> tuple[CordisData, ModelsIndex]:
    data = read_folder(folder)
    return data, index_from_models(data)


def test_it_imports_the_organisations_as_firms_and_reports_the_refused_line(loaded):
    _data, models = loaded
    assert sorted(models.firm_ids) == [101, 102, 103, 104, 105, 106]
    assert set(Firm.objects.filter(pk__in=models.firm_ids.values()).values_list("country_id", flat=True)) == {
        "DEU",
        "FRA",
        "ITA",
        "ESP",
        "KEN",
        "XKX",
    }
    assert models.report.firms_refused == {"country: Unknown country: XXX.": 1}


def test_projects_of_two_organisations_or_more_become_completed_partnerships_with_their_parties(loaded):
    _data, models = loaded
    pic_of = models.pics
    rows = {
        p.title: (
            p.stage,
            p.keywords,
            p.started_on,
            p.ended_on,
            {pic_of[party.firm_id] for party in p.parties.all()},
        )
        for p in Partnership.objects.prefetch_related("parties")
    }
    assert rows == {
        "H2020 project 1": ("completed", "SC1", date(2015, 1, 1), date(2017, 12, 31), {101, 102}),
        "H2020 project 2": ("completed", "LEIT", date(2016, 1, 1), date(2018, 6, 30), {101, 103}),
        "H2020 project 3": ("completed", "SC1, SC2", date(2017, 1, 1), date(2019, 12, 31), {102, 104, 106}),
    }
    assert models.report.projects_single == 1


def test_the_network_read_back_carries_the_programme_parts_as_fields(loaded):
    _data, models = loaded
    fields = {p.firm_ids: p.fields for p in models.index.network.partnerships}
    ids = models.firm_ids
    assert fields[tuple(sorted([ids[102], ids[104], ids[106]]))] == frozenset({"sc1", "sc2"})


def test_a_past_partner_in_the_field_ranks_first_for_its_query_in_pics(loaded):
    data, models = loaded
    rankings, _reasons = run_queries(
        models.index, data.queries, profile_of=models.query_profile, pic_of=models.pics
    )
    assert rankings["q1"][0] == 102
    assert rankings["q2"][0] == 102
    assert 101 not in rankings["q1"]


def _ranked(path: Path) -> dict[str, list[int]]:
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    out: dict[str, list[int]] = {}
    for row in sorted(rows, key=lambda r: int(r["rank"])):
        out.setdefault(row["query_id"], []).append(int(row["pic"]))
    return out


@pytest.mark.django_db(False)
def test_the_command_goes_through_a_throwaway_database_never_the_configured_one(folder, tmp_path):
    """``python -m bench.cordis FOLDER``, as ``make bench-cordis`` runs it: through the models by default,
    on an SQLite database of its own even when ``DATABASE_URL`` names another (here one that cannot be
    reached: using it would fail), with the rankings written in PICs and scored."""
    out = tmp_path / "rankings.csv"
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://nobody@127.0.0.1:9/not-this-one",
        "CORDIS_REFEREE": str(tmp_path / "no-referee.py"),  # scored by the port, offline
    }
    env.pop("INTERFIRM_TESTING", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run(
        [sys.executable, "-m", "bench.cordis", str(folder), "--out", str(out)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "through the platform's models" in done.stdout
    assert "1 lines refused" in done.stdout or "1 line refused" in done.stdout
    ranked = _ranked(out)
    assert ranked["q1"][0] == 102 and ranked["q2"][0] == 102
    assert 101 not in ranked["q1"] and 107 not in ranked["q1"]  # the query itself; a refused line
    assert "recall" in done.stdout


@pytest.mark.django_db(False)
def test_the_pure_path_ranks_the_same_partners_first(folder, tmp_path, capsys, monkeypatch):
    out = tmp_path / "pure.csv"
    monkeypatch.setenv("CORDIS_REFEREE", str(tmp_path / "no-referee.py"))
    main([str(folder), "--out", str(out), "--pure"])
    assert "pure path" in capsys.readouterr().out
    ranked = _ranked(out)
    assert ranked["q1"][0] == 102 and ranked["q2"][0] == 102


@pytest.mark.django_db(False)
@pytest.mark.parametrize(
    "args",
    [
        ["--grid", "--through-models"],
        ["--set", "tie_scale=1", "--through-models"],
        ["--pure", "--through-models"],
    ],
)
def test_tuning_options_refuse_the_models_path(folder, tmp_path, args):
    with pytest.raises(SystemExit) as stopped:
        main([str(folder), "--out", str(tmp_path / "x.csv"), *args])
    assert stopped.value.code == 2


PARTNERSHIP_FIELDS = (
    "title", "stage", "arrangement_types", "agreement_types", "keywords", "started_on", "agreement_signed_on",
    "ended_on", "end_reason", "failure_reason", "recorded_by_intermediary_id", "created_by_id",
    "expression_id", "opportunity_id",
)  # fmt: skip


def _rows(partnership: Partnership) -> dict[str, Any]:
    """Return everything the record of a partnership wrote, without its ids, reference and clocks."""
    return {
        "partnership": {name: getattr(partnership, name) for name in PARTNERSHIP_FIELDS},
        "parties": list(
            partnership.parties.values_list("firm_id", "role", "brings", "joined_on", "consent_note")
        ),
        "intermediaries": list(partnership.intermediaries.values_list("intermediary_id", "supports_id")),
        "stage_changes": list(
            partnership.stage_changes.values_list(
                "from_stage", "to_stage", "changed_on", "changed_by_id", "reason"
            )
        ),
        "tasks": [
            (i, stage, title, due_on, done_at is not None)
            for i, stage, title, due_on, done_at in partnership.tasks.values_list(
                "intermediary_id", "stage", "title", "due_on", "done_at"
            )
        ],
        "audit": list(
            AuditEntry.objects.filter(object_type="partnerships.partnership", object_id=str(partnership.pk))
            .order_by("pk")
            .values_list("action", "actor_id", "actor_email", "acting_for_id", "acting_for_name", "changes")
        ),
        "checkins": partnership.check_ins.count(),
    }


def test_the_bulk_record_writes_the_rows_the_partnership_services_write():
    intermediary = make_intermediary("CORDIS, European Commission", country="BEL")
    user = make_user()
    firms = [make_firm("Alpha GmbH", country="DEU"), make_firm("Beta SA", country="FRA")]
    project = Project("42", date(2016, 3, 1), date(2019, 2, 28), frozenset({"SC1", "LEIT"}))
    by_services = partnership_record(
        actor=user,
        acting_for=intermediary.organisation,
        intermediary=intermediary,
        title="H2020 project 42",
        parties=[
            PartyInput(firm=firm, consent_note=CONSENT_NOTE, role=party_role(firm, firms[0]))
            for firm in firms
        ],
        arrangement_types=[ARRANGEMENT],
        stage=PartnershipStage.IMPLEMENTATION,
        started_on=project.start,
        agreement_signed_on=project.start,
        keywords="LEIT, SC1",
    )
    assert project.end is not None
    partnership_stage_change(
        actor=user,
        acting_for=intermediary.organisation,
        partnership=by_services,
        to_stage=PartnershipStage.COMPLETED,
        changed_on=project.end,
        reason=END_REASON,
    )

    (in_bulk,) = record_completed(
        [(project, [f.pk for f in firms], firms[0].pk)], intermediary=intermediary, user=user
    )

    by_services.refresh_from_db()
    in_bulk.refresh_from_db()
    assert _rows(in_bulk) == _rows(by_services)
