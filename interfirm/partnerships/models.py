"""Partnerships: one record from the first contact to the end of the deal, and its monitoring.

A partnership is opened from an accepted expression of interest, or recorded by an intermediary for a
partnership made elsewhere. It moves through ``PartnershipStage`` (transitions in
``services.ALLOWED_FROM``; nothing else changes ``stage``): contact → negotiation → agreement signed →
implementation → review → completed, renewed, terminated or failed. *Renewed* is a recorded stage, not an
ending: a renewed partnership goes back into implementation for a new cycle (the renewal and every
cycle stay on the record through ``StageChange``). Completed, terminated and failed are final.

Monitoring follows para 14 and 20 of the report: jointly agreed objectives and milestones with
targets and timetables, periodic check-ins where each party reports progress, its perception of the
other and the three kinds of trust, early warnings drawn from the failure causes, the intermediaries'
support, and the outcomes (para 19, 22).
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise


def _installation_id() -> str:
    return settings.INSTALLATION_ID


def _new_reference() -> str:
    return "PA" + uuid.uuid4().hex[:8].upper()


class PartnershipStage(models.TextChoices):
    CONTACT = "contact", _("First contact")
    NEGOTIATION = "negotiation", _("Negotiation")
    AGREEMENT = "agreement", _("Agreement signed")
    IMPLEMENTATION = "implementation", _("Implementation")
    REVIEW = "review", _("Review")
    COMPLETED = "completed", _("Completed")
    RENEWED = "renewed", _("Renewed")
    TERMINATED = "terminated", _("Terminated")
    FAILED = "failed", _("Failed")


# The stages a partnership never leaves. Renewed is not one: it starts a new implementation cycle.
ENDING_STAGES: frozenset[str] = frozenset(
    {PartnershipStage.COMPLETED, PartnershipStage.TERMINATED, PartnershipStage.FAILED}
)
# Stages after the agreement was signed (the partnership is "running").
RUNNING_STAGES: frozenset[str] = frozenset(
    {
        PartnershipStage.AGREEMENT,
        PartnershipStage.IMPLEMENTATION,
        PartnershipStage.REVIEW,
        PartnershipStage.RENEWED,
    }
)


class FailureReason(models.TextChoices):
    """Why partnerships fail, after para 20 (and para 31 on the partner's capability) of the report."""

    POOR_PREPARATION = "poor_preparation", _("Poor preparation of the deal")
    NO_DIVERSIFIED_STRUCTURES = "no_diversified_structures", _("Lack of diversified structures")
    LACK_OF_INFORMATION = "lack_of_information", _("Lack of information and transparency")
    HIDDEN_MOTIVES = "hidden_motives", _("Secret agendas or hidden motives")
    NO_STIMULI = "no_stimuli", _("Absence of real stimuli for cooperation")
    BAD_OBJECTIVES = "bad_objectives", _("Badly formulated objectives")
    NO_MONITORING = "no_monitoring", _("Absence of monitoring")
    LOSS_OF_TRUST = "loss_of_trust", _("Loss of trust between the partners")
    PARTNER_CAPABILITY = (
        "partner_capability",
        _("A partner lacked the technological or managerial capability"),
    )
    NO_FINANCE = "no_finance", _("Lack of finance for the partnership")
    OTHER = "other", _("Other")


class PartyRole(models.TextChoices):
    OWNER = "owner", _("Owner of the opportunity")
    INTERESTED = "interested", _("Interested firm")
    LEAD = "lead", _("Lead party")
    PARTY = "party", _("Party")


# The roles of a party that led its partnership and chose the partners (matching counts the ties it
# chose as closer than those between fellow parties of a partnership someone else put together).
LEAD_ROLES = frozenset({PartyRole.OWNER, PartyRole.LEAD})


class Partnership(models.Model):
    uid = models.UUIDField(_("global id"), default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(
        _("reference"), max_length=12, unique=True, default=_new_reference, editable=False
    )
    installation = models.CharField(_("installation"), max_length=64, default=_installation_id, db_index=True)
    title = models.CharField(_("title"), max_length=200)
    stage = models.CharField(
        _("stage"),
        max_length=16,
        choices=PartnershipStage.choices,
        default=PartnershipStage.CONTACT,
        db_index=True,
    )
    arrangement_types = models.JSONField(_("arrangement types"), default=list, blank=True)
    agreement_types = models.JSONField(
        _("types of the signed agreement"),
        default=list,
        blank=True,
        help_text=_("The arrangement types the signed agreement actually covers."),
    )
    # The fields the partnership works in (programme areas, technologies), separated by commas as an
    # opportunity's keywords are; matching reads them as the partnership's fields.
    keywords = models.CharField(_("keywords"), max_length=500, blank=True)
    expression = models.ForeignKey(
        "introductions.ExpressionOfInterest",
        verbose_name=_("expression of interest"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partnerships",
    )
    opportunity = models.ForeignKey(
        "opportunities.Opportunity",
        verbose_name=_("opportunity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partnerships",
    )
    recorded_by_intermediary = models.ForeignKey(
        "intermediaries.Intermediary",
        verbose_name=_("recorded by intermediary"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recorded_partnerships",
        help_text=_("Set when an intermediary recorded a partnership made outside the exchange."),
    )
    started_on = models.DateField(_("first contact on"))
    agreement_signed_on = models.DateField(_("agreement signed on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.TextField(_("reason for the end"), max_length=2000, blank=True)
    failure_reason = models.CharField(
        _("failure reason"), max_length=32, choices=FailureReason.choices, blank=True
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("partnerships:detail", kwargs={"reference": self.reference})

    @property
    def is_ended(self) -> bool:
        return self.stage in ENDING_STAGES


class PartnershipParty(models.Model):
    """A firm taking part in a partnership (two or more per partnership)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="parties")
    firm = models.ForeignKey("firms.Firm", on_delete=models.CASCADE, related_name="partnership_parties")
    role = models.CharField(_("role"), max_length=12, choices=PartyRole.choices, default=PartyRole.PARTY)
    brings = models.TextField(_("what it brings"), max_length=2000, blank=True)
    joined_on = models.DateField(_("joined on"))
    consent_note = models.CharField(
        _("consent to the record"),
        max_length=500,
        blank=True,
        help_text=_("How the firm agreed to this record, when an intermediary recorded it."),
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "firm"], name="partnerships_one_party_per_firm"),
        ]

    def __str__(self) -> str:
        return f"party {self.firm_id} of {self.partnership_id}"


class PartnershipIntermediary(models.Model):
    """An intermediary following the partnership, optionally for one of the parties."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="intermediaries")
    intermediary = models.ForeignKey(
        "intermediaries.Intermediary", on_delete=models.CASCADE, related_name="partnership_links"
    )
    supports = models.ForeignKey(
        PartnershipParty,
        verbose_name=_("supports"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("intermediary of a partnership")
        verbose_name_plural = _("intermediaries of partnerships")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "intermediary"], name="partnerships_one_link_per_intermediary"
            ),
        ]

    def __str__(self) -> str:
        return f"intermediary {self.intermediary_id} on {self.partnership_id}"


class StageChange(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(_("from"), max_length=16, choices=PartnershipStage.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=16, choices=PartnershipStage.choices)
    changed_on = models.DateField(_("date"))
    changed_at = models.DateTimeField(_("recorded"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("reason"), max_length=2000, blank=True)

    class Meta:
        ordering = ["changed_on", "changed_at", "id"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")

    def __str__(self) -> str:
        return f"{self.partnership_id}: {self.from_stage} → {self.to_stage}"


class Objective(models.Model):
    """A jointly agreed objective with its target (para 14: clear and reasonable targets)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="objectives")
    title = models.CharField(_("objective"), max_length=200)
    target = models.CharField(_("target"), max_length=500, blank=True)
    owner = models.ForeignKey(
        PartnershipParty,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self) -> str:
        return self.title


class Milestone(models.Model):
    """A step with a target, an owner and a due date (a milestone without a date is refused)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="milestones")
    objective = models.ForeignKey(
        Objective,
        verbose_name=_("objective"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="milestones",
    )
    title = models.CharField(_("milestone"), max_length=200)
    target = models.CharField(_("target"), max_length=500, blank=True)
    owner = models.ForeignKey(
        PartnershipParty, verbose_name=_("owner"), on_delete=models.CASCADE, related_name="+"
    )
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title


class Confirmation(models.Model):
    """A party's agreement to an objective or a milestone (each party confirms)."""

    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, null=True, blank=True, related_name="confirmations"
    )
    milestone = models.ForeignKey(
        Milestone, on_delete=models.CASCADE, null=True, blank=True, related_name="confirmations"
    )
    party = models.ForeignKey(PartnershipParty, on_delete=models.CASCADE, related_name="confirmations")
    confirmed_at = models.DateTimeField(_("confirmed"), default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["confirmed_at", "id"]
        verbose_name = _("confirmation")
        verbose_name_plural = _("confirmations")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(objective__isnull=True) & models.Q(milestone__isnull=False))
                | (models.Q(objective__isnull=False) & models.Q(milestone__isnull=True)),
                name="partnerships_confirmation_of_one_thing",
            ),
            models.UniqueConstraint(
                fields=["objective", "party"], name="partnerships_one_objective_confirmation"
            ),
            models.UniqueConstraint(
                fields=["milestone", "party"], name="partnerships_one_milestone_confirmation"
            ),
        ]

    def __str__(self) -> str:
        return f"confirmation by party {self.party_id}"


def _score(label: StrOrPromise) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label, null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )


class CheckIn(models.Model):
    """One party's periodic report. Created when due; answered once (``submitted_at``)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="check_ins")
    party = models.ForeignKey(PartnershipParty, on_delete=models.CASCADE, related_name="check_ins")
    due_on = models.DateField(_("due on"))
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    submitted_at = models.DateTimeField(_("answered"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    progress = models.PositiveSmallIntegerField(
        _("progress on the milestones (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    progress_note = models.TextField(_("progress on the milestones"), max_length=2000, blank=True)
    satisfaction = _score(_("satisfaction (1–5)"))
    view_of_other = models.TextField(_("our view of the other party"), max_length=2000, blank=True)
    trust_contractual = _score(_("contractual trust (1–5)"))
    trust_goodwill = _score(_("goodwill trust (1–5)"))
    trust_competence = _score(_("competence trust (1–5)"))
    knowledge_transferred = models.TextField(_("knowledge transferred"), max_length=2000, blank=True)
    staff_exchanged = models.PositiveIntegerField(_("staff exchanged (people)"), default=0)
    training = models.TextField(_("training given or received"), max_length=2000, blank=True)
    problems = models.TextField(_("problems"), max_length=2000, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [
            models.UniqueConstraint(
                fields=["party", "due_on"], name="partnerships_one_checkin_per_party_and_date"
            ),
        ]

    def __str__(self) -> str:
        return f"check-in of party {self.party_id} due {self.due_on}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class Outcome(models.Model):
    """What the partnership produced, reported (repeatedly, dated) by a party or an intermediary."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="outcomes")
    reported_on = models.DateField(_("reported on"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    jobs_created = models.PositiveIntegerField(_("jobs created"), default=0)
    export_sales = models.DecimalField(_("export sales"), max_digits=14, decimal_places=2, default=0)
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    new_products = models.PositiveIntegerField(_("new products"), default=0)
    new_processes = models.PositiveIntegerField(_("new processes"), default=0)
    local_suppliers = models.PositiveIntegerField(_("local suppliers engaged"), default=0)
    certifications_obtained = models.PositiveIntegerField(_("certifications obtained"), default=0)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["reported_on", "id"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return f"outcome of {self.partnership_id} on {self.reported_on}"


class WarningKind(models.TextChoices):
    TRUST_FALLING = "trust_falling", _("Trust falling")
    TRUST_LOW = "trust_low", _("Trust low")
    MILESTONE_OVERDUE = "milestone_overdue", _("Milestone overdue")
    NO_ANSWER = "no_answer", _("A party is not answering")
    DIVERGING = "diverging", _("Diverging perceptions between the partners")


class EarlyWarning(models.Model):
    """A sign of trouble found in the partnership's history (``warnings.py``), until resolved."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="warnings")
    kind = models.CharField(_("kind"), max_length=20, choices=WarningKind.choices)
    # What the warning is about, so the same sign is not raised twice while it is open.
    key = models.CharField(max_length=120)
    detail = models.TextField(_("detail"), max_length=2000)  # as written when raised (its language)
    # The sign's facts (``warnings.Signal``: party, milestone, values), so that every reader gets the
    # detail in its own language (``services.warning_text``); empty for warnings raised before.
    facts = models.JSONField(_("facts"), default=dict, blank=True)
    raised_on = models.DateField(_("raised on"))
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolution = models.TextField(_("how it was resolved"), max_length=2000, blank=True)

    class Meta:
        ordering = ["-raised_on", "-id"]
        verbose_name = _("early warning")
        verbose_name_plural = _("early warnings")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "key"],
                condition=models.Q(resolved_on__isnull=True),
                name="partnerships_one_open_warning_per_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} on {self.partnership_id}"


class SupportKind(models.TextChoices):
    ADVICE = "advice", _("Advice")
    FEASIBILITY = "feasibility", _("Feasibility study")
    NEGOTIATION = "negotiation", _("Negotiation support")
    FINANCING = "financing", _("Financing")
    TRAINING = "training", _("Training")
    MEDIATION = "mediation", _("Mediation")
    RENEGOTIATION = "renegotiation", _("Renegotiation")
    OTHER = "other", _("Other support")


class SupportActivity(models.Model):
    """Support an intermediary gave to the partnership (para 36, 39)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="support_activities")
    intermediary = models.ForeignKey(
        "intermediaries.Intermediary", on_delete=models.CASCADE, related_name="partnership_support"
    )
    kind = models.CharField(_("kind of support"), max_length=16, choices=SupportKind.choices)
    done_on = models.DateField(_("date"))
    note = models.TextField(_("what was done"), max_length=2000)
    warning = models.ForeignKey(
        EarlyWarning,
        verbose_name=_("in answer to the warning"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_activities",
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-done_on", "-id"]
        verbose_name = _("support activity")
        verbose_name_plural = _("support activities")

    def __str__(self) -> str:
        return f"{self.kind} by {self.intermediary_id} on {self.partnership_id}"


class FollowUpTask(models.Model):
    """A task for an intermediary at a stage of the partnership, with reminders until it is done."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="tasks")
    intermediary = models.ForeignKey(
        "intermediaries.Intermediary", on_delete=models.CASCADE, related_name="partnership_tasks"
    )
    stage = models.CharField(_("stage"), max_length=16, choices=PartnershipStage.choices)
    title = models.CharField(_("task"), max_length=300)
    due_on = models.DateField(_("due on"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reminded_on = models.DateField(_("last reminder"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("follow-up task")
        verbose_name_plural = _("follow-up tasks")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "intermediary", "stage"],
                condition=models.Q(done_at__isnull=True),
                name="partnerships_one_open_task_per_stage",
            ),
        ]

    def __str__(self) -> str:
        return self.title
