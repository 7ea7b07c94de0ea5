"""``bench/cordis.py`` (its default path; ``--pure`` skips it): a CORDIS folder loaded into the platform's own models, and the
engine's inputs read back from them with ``interfirm.matching.fetch``, as the site reads them.

``index_through_models(data)`` makes a throw-away SQLite database in a temporary folder, migrates it,
loads the reference data, then ``index_from_models(data)``: ``load_into_models`` and ``read_index``
in the current database (the tests call it inside their test database).

What each record of the folder becomes:

- **The importers.** The operator of the installation ("CORDIS benchmark") imports the firms; an
  intermediary (the European Commission's CORDIS, type international organisation, in Belgium) records
  the partnerships; one user acts for both.
- **Organisations → ``firms.Firm``** (each with its ``accounts.Organisation``), through the bulk import
  itself: a CSV in the firms format of ``interfirm.transfer`` (``source_ref`` = PIC, ``legal_name``,
  ``country`` = ISO alpha-3) checked and imported by ``transfer.services.import_run`` (the service
  behind the upload page and ``manage.py import_data``), in files of ``TRANSFER_MAX_ROWS`` lines,
  skipping bad lines (reported with their reason; since Kosovo, ``XKX``, joined the reference
  countries, the dev split has none). The PIC → firm mapping is the importer's own ``ImportedRecord``. About 3 ms
  a firm. The folder carries no names for the engine (names are confidential and never reach it), so
  every firm is named "CORDIS PIC <pic>". The platform has no type of organisation for a firm
  (``Organisation.kind`` is firm / intermediary / operator / public authority): universities,
  research bodies and public bodies are firms like the companies, and ``fetch_network`` gives every
  firm the type "firm". A firm has no keyword field and its sectors are ISIC codes, so its programme
  parts are not stored on it; they are on its partnerships (below), where the engine reads fields.
- **Past projects → completed ``partnerships.Partnership``** recorded by the intermediary, with every
  organisation of the project as a party, its coordinator as the lead party (``PartyRole.LEAD``). ``partnership_record`` (at the implementation stage, the
  agreement signed on the start date) followed by ``partnership_stage_change`` to completed on the end
  date takes 40 ms a project or more, too slow here, so ``record_completed`` writes in bulk exactly the
  rows those two services write (checked against them by ``test_cordis_models``): the partnership (stage
  completed, R&D cooperation as arrangement and agreement type, started, signed and ended dates, the
  end reason), one ``PartnershipParty`` per organisation (joined on the start date, with the consent
  note), the intermediary's link, the five ``StageChange`` rows from contact to completed, the
  intermediary's follow-up task of the implementation stage (closed at completion) and the two audit
  entries. No notification: the firms have no members. The programme parts are the partnership's
  ``keywords`` (``Partnership.keywords``, comma-separated like an opportunity's, added for this: the
  record had no place for the fields a partnership works in), which ``fetch_network`` reads, with the
  parties' sectors, as the partnership's fields. A project with one
  organisation (ERC and MSCA fellowships, the SME instrument: 8,760 of the 15,004 dev projects) is not
  a partnership (``partnership_record`` wants two firms or more) and is not loaded.
- **The index** is built from ``fetch_all()`` (published opportunities: none; active firms; the
  network) with the installation's algorithm (``engine_adapter.algorithm()``). A query is its
  coordinator's firm profile as fetched, seeking partners in the project's programme parts (keywords,
  casefolded as ``fetch`` reads every keyword); rankings go back to PICs through the mapping.

Differences from the pure path (``bench/cordis.engine_inputs``), and what they do to the scores:

- one-organisation projects are missing from the network (the pure path counts them in a firm's
  activity and field activity); this is what moves the scores (figures below);
- the profiles carry what ``fetch`` adds: regions, the economy group and LDC status of the reference
  countries (not the World Bank's groups of the folder), the number of completed partnerships (track
  record), no readiness level. With no requirement, sector, text or size on either side these are
  equal for every candidate, or (track record) change nothing: the pure path given the same counts
  scores exactly as before;
- every organisation's type is "firm", on both sides (the org-type affinity weighs 0 in every algorithm so far);
- field names are casefolded ("sc1"), which only changes the reasons' text;
- an organisation the importer refuses (reported with its reason; none on dev) is neither a candidate
  nor a party.

On dev (2 cores, algorithm 2026-12-d): migrate and reference data 14 s, firms 104 s (the importer,
about 4.5 ms a firm), partnerships 16 s, fetch and index 4 s, then the 1,006 queries 29 s; 3.3 minutes
in all. recall@20 0.1774 (pure path 0.1782), nDCG@20 0.1637 (0.1631), MRR 0.3208 (0.3154): the
one-organisation projects the models leave out are the difference.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.cordis import CordisData, Project, Query, query_profile
from interfirm.matching.engine import MatchingIndex, Profile

if TYPE_CHECKING:
    from interfirm.accounts.models import Organisation, User
    from interfirm.intermediaries.models import Intermediary
    from interfirm.partnerships.models import Partnership

__all__ = [
    "ARRANGEMENT",
    "CONSENT_NOTE",
    "END_REASON",
    "LoadReport",
    "Loaded",
    "ModelsIndex",
    "index_from_models",
    "index_through_models",
    "load_into_models",
    "read_index",
    "record_completed",
]

ARRANGEMENT = "rd_cooperation"
CONSENT_NOTE = "Public record: CORDIS, European Commission (EU open data, CC BY 4.0)."
END_REASON = "The project ended (CORDIS)."
FIRM_CSV_COLUMNS = ("source_ref", "legal_name", "country")
LOADER_EMAIL = "cordis-loader@benchmark.invalid"


@dataclass
class LoadReport:
    """What was loaded, what was left out and why, and how long each step took (seconds)."""

    firms: int = 0
    firms_refused: dict[str, int] = field(default_factory=dict)  # error message -> lines
    partnerships: int = 0
    parties: int = 0
    projects_single: int = 0  # projects left with fewer than two loaded organisations
    seconds: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        refused = sum(self.firms_refused.values())
        lines = [
            f"loaded {self.firms} firms ({refused} lines refused by the importer), {self.partnerships} "
            f"completed partnerships with {self.parties} parties ({self.projects_single} projects with "
            "fewer than two organisations are not partnerships)"
        ]
        lines += [f"  refused: {count} x {message}" for message, count in self.firms_refused.items()]
        lines.append("  " + ", ".join(f"{step} {s:.1f} s" for step, s in self.seconds.items()))
        return "\n".join(lines)


@dataclass
class Loaded:
    """The folder in the database: the firm of each PIC, and the report."""

    firm_ids: dict[int, int]  # PIC -> Firm.pk
    report: LoadReport


@dataclass(frozen=True)
class ModelsIndex:
    """The index read back from the models, and how the folder's PICs are named in it."""

    index: MatchingIndex
    firm_ids: dict[int, int]  # PIC -> Firm.pk
    pics: dict[int, int]  # Firm.pk -> PIC
    firm_profiles: dict[int, Profile]  # Firm.pk -> its profile as fetched
    report: LoadReport

    def query_profile(self, query: Query) -> Profile:
        """Return the coordinator's firm profile seeking partners in the project's programme parts."""
        keywords = frozenset(part.casefold() for part in query.parts)
        firm_id = self.firm_ids.get(query.pic)
        profile = self.firm_profiles.get(firm_id) if firm_id is not None else None
        if profile is None:  # a coordinator the importer refused: known by its country only
            return query_profile(query).evolve(firm_id=0, org_type="firm", keywords=keywords)
        return profile.evolve(key=f"query:{query.query_id}", keywords=keywords)


@contextmanager
def _timed(report: LoadReport, step: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    report.seconds[step] = report.seconds.get(step, 0.0) + time.perf_counter() - start


# Loading --------------------------------------------------------------------------------------------


def _importers() -> tuple[Organisation, Intermediary, User]:
    """Create the operator that imports the firms, the intermediary that records the partnerships,
    and the user acting for both."""
    from interfirm.accounts.models import Membership, Organisation, OrganisationKind, Role, User
    from interfirm.intermediaries.models import IntermediaryType
    from interfirm.intermediaries.services import intermediary_create

    user = User.objects.filter(email=LOADER_EMAIL).first() or User.objects.create_user(
        LOADER_EMAIL, full_name="CORDIS loader"
    )
    operator = Organisation.objects.create(kind=OrganisationKind.OPERATOR, name="CORDIS benchmark")
    Membership.objects.create(user=user, organisation=operator, role=Role.OPERATOR)
    intermediary = intermediary_create(
        actor=user,
        acting_for=None,
        name="CORDIS, European Commission",
        type=IntermediaryType.INTERNATIONAL,
        country_id="BEL",
        manager=user,
    )
    return operator, intermediary, user


def _firms_csv(organisations: list[Any]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(FIRM_CSV_COLUMNS)
    for org in organisations:
        writer.writerow([org.pic, f"CORDIS PIC {org.pic}", org.iso3])
    return buffer.getvalue().encode()


def _import_firms(data: CordisData, operator: Organisation, user: User, report: LoadReport) -> dict[int, int]:
    """Import every organisation as a firm with the transfer importer; return PIC -> Firm.pk."""
    from django.conf import settings

    from interfirm.transfer.models import ImportedRecord, ImportKind
    from interfirm.transfer.parsers import parse_csv
    from interfirm.transfer.services import import_run

    organisations = list(data.organisations.values())
    size = settings.TRANSFER_MAX_ROWS
    refused: Counter[str] = Counter()
    for n, start in enumerate(range(0, len(organisations), size), 1):
        table = parse_csv(_firms_csv(organisations[start : start + size]))
        result = import_run(
            actor=user,
            acting_for=operator,
            kind=ImportKind.FIRMS,
            table=table,
            dry_run=False,
            skip_bad=True,
            file_name=f"cordis-organisations-{n}.csv",
        )
        if result.header_errors:
            raise RuntimeError(f"the firms importer refused the file: {result.header_errors}")
        refused.update(f"{e.column}: {e.message}" for line in result.bad_lines for e in line.errors)
    report.firms_refused = dict(refused)
    firm_ids = {
        int(ref): int(pk)
        for ref, pk in ImportedRecord.objects.filter(kind=ImportKind.FIRMS, source=operator).values_list(
            "source_ref", "object_id"
        )
    }
    report.firms = len(firm_ids)
    return firm_ids


def record_completed(
    projects: list[tuple[Project, list[int], int | None]], *, intermediary: Intermediary, user: User
) -> list[Partnership]:
    """Write the rows ``partnership_record`` (implementation stage, agreement signed on the start
    date) and ``partnership_stage_change`` (to completed on the end date) write, for every
    (project, firm ids) in bulk; return the partnerships."""
    from django.utils import timezone
    from django.utils.translation import gettext

    from interfirm.audit.models import AuditEntry
    from interfirm.partnerships.models import (
        FollowUpTask,
        Partnership,
        PartnershipIntermediary,
        PartnershipParty,
        PartnershipStage,
        PartyRole,
        StageChange,
    )
    from interfirm.partnerships.services import STAGE_TASKS

    S = PartnershipStage
    today = timezone.localdate()
    now = timezone.now()
    task_title, task_days = STAGE_TASKS[S.IMPLEMENTATION]
    recorded = gettext("Recorded by an intermediary.")
    partnerships = Partnership.objects.bulk_create(
        [
            Partnership(
                title=f"H2020 project {project.rcn}",
                stage=S.COMPLETED,
                arrangement_types=[ARRANGEMENT],
                agreement_types=[ARRANGEMENT],
                keywords=", ".join(sorted(project.parts)),
                recorded_by_intermediary=intermediary,
                started_on=project.start,
                agreement_signed_on=project.start,
                ended_on=project.end or project.start,
                end_reason=END_REASON,
                created_by=user,
            )
            for project, _, _ in projects
        ],
        batch_size=1000,
    )
    PartnershipParty.objects.bulk_create(
        [
            PartnershipParty(
                partnership=p,
                firm_id=firm_id,
                role=PartyRole.LEAD if firm_id == lead else PartyRole.PARTY,
                consent_note=CONSENT_NOTE,
                joined_on=project.start,
            )
            for p, (project, firm_ids, lead) in zip(partnerships, projects, strict=True)
            for firm_id in firm_ids
        ],
        batch_size=5000,
    )
    PartnershipIntermediary.objects.bulk_create(
        [PartnershipIntermediary(partnership=p, intermediary=intermediary) for p in partnerships],
        batch_size=5000,
    )
    steps = [
        ("", S.CONTACT, recorded),
        (S.CONTACT, S.NEGOTIATION, ""),
        (S.NEGOTIATION, S.AGREEMENT, ""),
        (S.AGREEMENT, S.IMPLEMENTATION, ""),
    ]
    StageChange.objects.bulk_create(
        [
            StageChange(
                partnership=p,
                from_stage=from_stage,
                to_stage=to_stage,
                changed_on=p.started_on,
                changed_by=user,
                reason=reason,
            )
            for p in partnerships
            for from_stage, to_stage, reason in steps
        ]
        + [
            StageChange(
                partnership=p,
                from_stage=S.IMPLEMENTATION,
                to_stage=S.COMPLETED,
                changed_on=project.end or project.start,
                changed_by=user,
                reason=END_REASON,
            )
            for p, (project, _, _) in zip(partnerships, projects, strict=True)
        ],
        batch_size=5000,
    )
    FollowUpTask.objects.bulk_create(
        [
            FollowUpTask(
                partnership=p,
                intermediary=intermediary,
                stage=S.IMPLEMENTATION,
                title=task_title,
                due_on=today + datetime.timedelta(days=task_days),
                done_at=now,
            )
            for p in partnerships
        ],
        batch_size=5000,
    )
    organisation = intermediary.organisation

    def audit(p: Partnership, action: str, changes: dict[str, Any]) -> AuditEntry:
        return AuditEntry(
            actor=user,
            actor_email=user.email,
            acting_for=organisation,
            acting_for_name=str(organisation),
            action=action,
            object_type=Partnership._meta.label_lower,
            object_id=str(p.pk),
            object_repr=str(p)[:300],
            changes=changes,
        )

    AuditEntry.objects.bulk_create(
        [
            audit(
                p,
                "partnerships.partnership_record",
                {"stage": S.IMPLEMENTATION, "parties": firm_ids, "arrangement_types": [ARRANGEMENT]}
                | ({"lead": lead} if lead is not None else {}),
            )
            for p, (_, firm_ids, lead) in zip(partnerships, projects, strict=True)
        ]
        + [
            audit(
                p,
                "partnerships.stage_change",
                {
                    "stage": [S.IMPLEMENTATION, S.COMPLETED],
                    "changed_on": p.ended_on.isoformat() if p.ended_on else None,
                    "failure_reason": "",
                },
            )
            for p in partnerships
        ],
        batch_size=5000,
    )
    return partnerships


def load_into_models(data: CordisData) -> Loaded:
    """Load ``data`` into the current database: organisations as firms (through the firms importer),
    past projects of two or more loaded organisations as completed partnerships. Return the PIC → firm
    mapping and the report."""
    from django.db import transaction

    report = LoadReport()
    with _timed(report, "firms"):
        operator, intermediary, user = _importers()
        firm_ids = _import_firms(data, operator, user, report)
    with _timed(report, "partnerships"):
        projects: list[tuple[Project, list[int], int | None]] = []
        for project in data.projects.values():
            members = list(dict.fromkeys(firm_ids[pic] for pic in project.pics if pic in firm_ids))
            if len(members) < 2:
                report.projects_single += 1
                continue
            # The coordinator (the first, as the benchmark's protocol reads it) is the lead party.
            lead = next((firm_ids[pic] for pic in project.coordinators[:1] if pic in firm_ids), None)
            projects.append((project, members, lead))
        with transaction.atomic():
            record_completed(projects, intermediary=intermediary, user=user)
        report.partnerships = len(projects)
        report.parties = sum(len(members) for _, members, _ in projects)
    return Loaded(firm_ids=firm_ids, report=report)


def read_index(loaded: Loaded) -> ModelsIndex:
    """Read the engine's inputs back from the database (``fetch_all``) and build the index."""
    from interfirm.matching.engine_adapter import algorithm
    from interfirm.matching.fetch import fetch_all

    report = loaded.report
    with _timed(report, "fetch"):
        inputs = fetch_all()
    with _timed(report, "index"):
        index = MatchingIndex([*inputs.opportunities, *inputs.firms], inputs.network, algorithm=algorithm())
    return ModelsIndex(
        index=index,
        firm_ids=loaded.firm_ids,
        pics={firm_id: pic for pic, firm_id in loaded.firm_ids.items()},
        firm_profiles={p.firm_id: p for p in inputs.firms},
        report=report,
    )


def index_from_models(data: CordisData) -> ModelsIndex:
    """Load ``data`` into the current database and return the index read back from it."""
    return read_index(load_into_models(data))


# The throw-away database ----------------------------------------------------------------------------


def _setup_django(var_dir: Path) -> None:
    """Point Django at an SQLite database under ``var_dir``: a ``DATABASE_URL`` in the environment
    (an installation's PostgreSQL) is ignored, so the benchmark never migrates or fills a real database."""
    os.environ["INTERFIRM_VAR_DIR"] = str(var_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()


def index_through_models(data: CordisData) -> ModelsIndex:
    """Set Django up on a throw-away SQLite database (a temporary folder), migrate it, load the
    reference data, load ``data`` into it and return the index read back from it (the database is
    removed; the index stays in memory). Django must not be set up yet: inside a database of your own
    (the tests'), call ``index_from_models``."""
    from django.apps import apps

    if apps.ready:
        raise RuntimeError("Django is already set up: call index_from_models to use its database")
    with tempfile.TemporaryDirectory(prefix="interfirm-cordis-") as tmp:
        _setup_django(Path(tmp))
        from django.core.management import call_command
        from django.db import connections

        start = time.perf_counter()
        with open(os.devnull, "w") as quiet:
            call_command("migrate", verbosity=0, stdout=quiet)
            call_command("load_reference", verbosity=0, stdout=quiet)
        setup = time.perf_counter() - start
        result = index_from_models(data)
        result.report.seconds = {"migrate + reference": setup, **result.report.seconds}
        connections.close_all()
    print(result.report.summary())
    return result
