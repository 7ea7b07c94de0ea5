"""Matching: stored suggestions with the reasons of the algorithm version that made them, the feedback
users give on them, saved searches with their alerts, and the version stamp of the engine's index.

A ``Suggestion`` is one ranked candidate for one *viewer*: a firm (its dashboard) or one of its
opportunities (the opportunity page). The candidate is a partner firm and, when the partner has a
complementary published opportunity, that opportunity (what an expression of interest is made on).
Rows are recomputed by ``services.matching_index_refresh`` and ``services.matching_rebuild``; pages only
read them, so every web process sees the same suggestions whatever process computed them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Suggestion(models.Model):
    """One ranked candidate partner for a viewer firm (and, on an opportunity page, its opportunity)."""

    viewer_firm = models.ForeignKey(
        "firms.Firm", on_delete=models.CASCADE, related_name="matching_suggestions"
    )
    viewer_opportunity = models.ForeignKey(
        "opportunities.Opportunity",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="matching_suggestions",
        help_text=_("Empty for the suggestions of the firm's dashboard."),
    )
    candidate_firm = models.ForeignKey("firms.Firm", on_delete=models.CASCADE, related_name="+")
    candidate_opportunity = models.ForeignKey(
        "opportunities.Opportunity", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    score = models.FloatField(_("score"))
    # [{"feature", "score", "weight", "reason"}] as the engine gave them, in the order it gave them.
    reasons = models.JSONField(_("reasons"), default=list)
    # [{"kind", "code", "label", "reason"}]: what the weaker side still lacks.
    gaps = models.JSONField(_("gaps"), default=list)
    algorithm = models.CharField(_("algorithm version"), max_length=40)
    # The index version the row was computed on; rows of an older version are recomputed when read.
    index_version = models.CharField(max_length=32, blank=True)
    computed_at = models.DateTimeField(_("computed"), default=timezone.now)

    class Meta:
        ordering = ["rank", "pk"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        indexes = [
            models.Index(
                fields=["viewer_firm", "viewer_opportunity", "rank"], name="matching_sugg_viewer_idx"
            ),
            models.Index(fields=["candidate_opportunity"], name="matching_sugg_cand_opp_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.viewer_firm_id}/{self.viewer_opportunity_id} → {self.candidate_firm_id} #{self.rank}"


class FeedbackKind(models.TextChoices):
    SAVED = "saved", _("Saved")
    DISMISSED = "dismissed", _("Dismissed")
    INTEREST = "interest", _("Expressed interest")
    FORWARDED = "forwarded", _("Forwarded to the firm")


class DismissReason(models.TextChoices):
    NOT_RELEVANT = "not_relevant", _("Not what we are looking for")
    WRONG_SECTOR = "wrong_sector", _("Wrong sector")
    GEOGRAPHY = "geography", _("Country or region not suitable")
    SIZE = "size", _("Not the right size")
    ALREADY_KNOWN = "already_known", _("We already know this partner")
    OTHER = "other", _("Other")


class Feedback(models.Model):
    """What a user did with a suggestion, kept for learning with the score and reasons it was shown with.

    A dismissal is a hard rule: the dismissed candidate is never suggested to the viewer firm again.
    """

    suggestion = models.ForeignKey(
        Suggestion, on_delete=models.SET_NULL, null=True, blank=True, related_name="feedback"
    )
    viewer_firm = models.ForeignKey("firms.Firm", on_delete=models.CASCADE, related_name="matching_feedback")
    viewer_opportunity = models.ForeignKey(
        "opportunities.Opportunity", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    candidate_firm = models.ForeignKey("firms.Firm", on_delete=models.CASCADE, related_name="+")
    candidate_opportunity = models.ForeignKey(
        "opportunities.Opportunity", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("what was done"), max_length=10, choices=FeedbackKind.choices)
    reason = models.CharField(
        _("reason"), max_length=16, choices=DismissReason.choices, blank=True, help_text=_("For a dismissal.")
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    score = models.FloatField(_("score shown"), null=True, blank=True)
    reasons = models.JSONField(_("reasons shown"), default=list, blank=True)
    algorithm = models.CharField(_("algorithm version"), max_length=40, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    acting_for = models.ForeignKey(
        "accounts.Organisation", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    forwarded_to = models.ForeignKey(
        "firms.Firm", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("feedback on a suggestion")
        verbose_name_plural = _("feedback on suggestions")
        indexes = [models.Index(fields=["viewer_firm", "kind"], name="matching_feedback_viewer_idx")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.viewer_firm_id} → {self.candidate_firm_id}"


class Frequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


class SavedSearchKind(models.TextChoices):
    SEARCH = "search", _("A search of the opportunities")
    LIKE = "like", _("Opportunities like one opportunity")


class SavedSearch(models.Model):
    """A search a firm or an intermediary keeps, and gets new matching opportunities of in a digest.

    ``query`` is the search page's query string (validated by ``search.forms.OpportunitySearchForm``
    each time it runs); ``like_opportunity`` asks the engine for opportunities like that one.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="saved_searches"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="saved_searches"
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(
        _("kind"), max_length=8, choices=SavedSearchKind.choices, default=SavedSearchKind.SEARCH
    )
    query = models.CharField(_("search"), max_length=1000, blank=True)
    like_opportunity = models.ForeignKey(
        "opportunities.Opportunity",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("like the opportunity"),
    )
    frequency = models.CharField(
        _("how often"), max_length=8, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    is_active = models.BooleanField(_("send alerts"), default=True)
    last_sent_at = models.DateTimeField(_("last digest"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")

    def __str__(self) -> str:
        return self.name


class SavedSearchSent(models.Model):
    """An opportunity once sent in a digest of a saved search: never sent to that search again."""

    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="sent")
    opportunity = models.ForeignKey("opportunities.Opportunity", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("opportunity sent in a digest")
        verbose_name_plural = _("opportunities sent in digests")
        constraints = [
            models.UniqueConstraint(
                fields=["saved_search", "opportunity"], name="matching_sent_once_per_search"
            )
        ]

    def __str__(self) -> str:
        return f"{self.saved_search_id}: {self.opportunity_id}"


class IndexState(models.Model):
    """The version stamp of the engine's index file: one row. A process holding an older version in
    memory reloads the file (see ``services``)."""

    version = models.CharField(max_length=32)
    algorithm = models.CharField(max_length=40, blank=True)
    opportunities = models.PositiveIntegerField(default=0)
    firms = models.PositiveIntegerField(default=0)
    built_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("matching index state")
        verbose_name_plural = _("matching index state")

    def __str__(self) -> str:
        return self.version
