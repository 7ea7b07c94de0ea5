"""Writes to partnerships: open, record, change stage, objectives and milestones, check-ins, outcomes,
early warnings, support and follow-up tasks, and the daily run.

Each function runs in one transaction and records an audit entry. A change the rules do not allow
raises ``PartnershipError`` (views answer it with the form error and the status, the API with 409 and
``detail``). Notifications name no firm: they refer to the partnership by reference and title.
"""

from interfirm.partnerships.models import RUNNING_STAGES
from interfirm.partnerships.services._shared import (
    ALLOWED_FROM,
    RECORDABLE_STAGES,
    STAGE_TASKS,
    PartnershipError,
)
from interfirm.partnerships.services.monitoring import (
    CheckInAnswer,
    DailyReport,
    checkin_submit,
    checkins_schedule,
    milestone_add,
    milestone_confirm,
    milestone_done,
    objective_add,
    objective_confirm,
    outcome_report,
    partnerships_daily,
    party_labels,
    support_log,
    task_done,
    warning_detail,
    warning_resolve,
    warning_text,
    warnings_raise,
)
from interfirm.partnerships.services.record import (
    PartyInput,
    allowed_next_stages,
    partnership_open_from_eoi,
    partnership_record,
    partnership_stage_change,
    party_role,
    stage_refusal,
)

__all__ = [
    "ALLOWED_FROM",
    "RECORDABLE_STAGES",
    "RUNNING_STAGES",
    "STAGE_TASKS",
    "CheckInAnswer",
    "DailyReport",
    "PartnershipError",
    "PartyInput",
    "allowed_next_stages",
    "checkin_submit",
    "checkins_schedule",
    "milestone_add",
    "milestone_confirm",
    "milestone_done",
    "objective_add",
    "objective_confirm",
    "outcome_report",
    "partnership_open_from_eoi",
    "partnership_record",
    "partnership_stage_change",
    "partnerships_daily",
    "party_labels",
    "party_role",
    "stage_refusal",
    "support_log",
    "task_done",
    "warning_detail",
    "warning_resolve",
    "warning_text",
    "warnings_raise",
]
