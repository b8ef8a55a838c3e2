"""Cases (เคส): clients, assignment, assessment, plan, approvals, notes, tasks, attachments,
break-glass grants, consent and the legal reporting duties.

Everything a case owns carries ``case`` and is read through ``onestop.cases.access``; no view
queries these models directly.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

from onestop.core.models import VersionedModel
from onestop.intake.models import TargetGroup, Urgency

# A note is a record of one contact or visit, not a report: 10,000 characters is about four
# printed pages. The form and the service both say so.
MAX_NOTE = 10_000
MAX_TEXT = 5_000


class CaseStatus(models.TextChoices):
    """The six 1300 labels (domain.md §2), in their order. A context keeps their Thai apart
    from the help request's statuses of the same English name."""

    AWAITING_ASSIGNMENT = "awaiting_assignment", pgettext_lazy("case status", "Awaiting assignment")
    UNDER_ASSESSMENT = "under_assessment", pgettext_lazy("case status", "Under assessment")
    REFERRED = "referred", pgettext_lazy("case status", "Referred")
    HELP_REPORTED = "help_reported", pgettext_lazy("case status", "Help being reported")
    HELP_COMPLETED = "help_completed", pgettext_lazy("case status", "Help completed")
    CLOSED = "closed", pgettext_lazy("case status", "Closed")


class WorkStage(models.TextChoices):
    """Computed from the data (never stored), as Primero does."""

    INTAKE = "intake", _("Intake")
    SCREENING = "screening", _("Screening")
    ASSESSMENT = "assessment", _("Assessment")
    PLAN = "plan", _("Plan")
    INTERVENTION = "intervention", _("Intervention or referral")
    FOLLOW_UP = "follow_up", _("Follow-up")
    CLOSURE = "closure", _("Closure")


class Case(VersionedModel):  # type: ignore[django-manager-missing]  # Referral uses ScopedManager
    audit_sensitive = True

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("case number"), max_length=24, unique=True)
    title = models.CharField(_("short title"), max_length=200)
    summary = models.TextField(_("what the case is about"), max_length=MAX_TEXT, blank=True)
    category = models.ForeignKey(
        "intake.Category", verbose_name=_("category"), on_delete=models.PROTECT
    )
    urgency = models.CharField(
        _("urgency"), max_length=12, choices=Urgency.choices, default=Urgency.NORMAL
    )
    risk_flags = models.JSONField(_("risk checklist"), default=list, blank=True)
    target_group = models.CharField(
        _("target group"), max_length=10, choices=TargetGroup.choices, default=TargetGroup.UNKNOWN
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CaseStatus.choices,
        default=CaseStatus.AWAITING_ASSIGNMENT,
    )
    requests = models.ManyToManyField(
        "intake.HelpRequest",
        verbose_name=_("originating requests"),
        blank=True,
        related_name="cases",
    )
    opened_at = models.DateTimeField(_("opened"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("social worker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    team = models.ForeignKey(
        "centers.Team",
        verbose_name=_("team"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("assigned"), null=True, blank=True)
    # The same deadline engine as intake: an unassigned case past this escalates once.
    assignment_due = models.DateTimeField(_("assignment due"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # The earliest due date of the case's open tasks, kept by the task services: "overdue" is
    # then a column test the list can index, not a subquery over two million tasks.
    next_task_due = models.DateField(null=True, blank=True, editable=False)
    closure_summary = models.TextField(_("closure summary"), max_length=MAX_TEXT, blank=True)

    objects: ClassVar[models.Manager[Case]] = ScopedManager(center="center")

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-opened_at"]
        indexes = [
            # The case list: a center's cases by status, newest first.
            models.Index(fields=["center", "status", "-opened_at"], name="case_list_idx"),
            models.Index(fields=["center", "category", "-opened_at"], name="case_category_idx"),
            # Workload: a worker's cases by status.
            models.Index(fields=["worker", "status"], name="case_worker_idx"),
            # My day: a worker's open cases, newest first.
            models.Index(
                fields=["worker", "-opened_at"],
                condition=~models.Q(status="closed"),
                name="case_worker_open_idx",
            ),
            models.Index(fields=["team", "status"], name="case_team_idx"),
            # Escalation sweep.
            models.Index(fields=["status", "assignment_due"], name="case_due_idx"),
            # "All cases", newest first.
            models.Index(fields=["center", "-opened_at"], name="case_recent_idx"),
            # The default list: a center's open cases, newest first, whatever their status.
            models.Index(
                fields=["center", "-opened_at"],
                condition=~models.Q(status="closed"),
                name="case_open_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_closed(self) -> bool:
        return self.status == CaseStatus.CLOSED


class ClientRole(models.TextChoices):
    CLIENT = "client", _("Client")
    FAMILY = "family", _("Family member")
    PERPETRATOR = "perpetrator", _("Alleged perpetrator")
    REPORTER = "reporter", _("Reporter")


class CaseClient(VersionedModel):
    """A person's part in a case, with their safe-contact preferences."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="clients")
    person = models.ForeignKey("persons.Person", on_delete=models.PROTECT, related_name="cases")
    role = models.CharField(_("role"), max_length=12, choices=ClientRole.choices)
    # Safe contact: each notification and visit checks these (services.contact_allowed).
    safe_phone = models.ForeignKey(
        "persons.PersonPhone",
        verbose_name=_("safe phone"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    line_safe = models.BooleanField(_("LINE is safe"), default=False)
    visit_safe = models.BooleanField(_("home visits are safe"), default=True)
    safe_times = models.CharField(_("safe times"), max_length=200, blank=True)
    do_not_contact = models.BooleanField(_("do not contact at all"), default=False)
    safety_note = models.CharField(_("safety note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("case client")
        verbose_name_plural = _("case clients")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "person", "role"], name="case_client_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.person_id} {self.role}"


class CaseEvent(models.Model):
    """A status change or assignment, for the timeline (the audit log holds the same facts, but
    the timeline must not depend on the audit table's retention)."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("Case opened")
        STATUS = "status", _("Status changed")
        ASSIGNED = "assigned", _("Assigned")
        REOPENED = "reopened", _("Reopened")
        BREAK_GLASS = "break_glass", _("Emergency access")
        # Written by the referrals app, so the timeline shows referrals and their outcomes.
        REFERRAL = "referral", _("Referral")
        # Written by the volunteers app: home visits asked for, answered and reported.
        VISIT = "visit", _("Home visit")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    reason = models.CharField(max_length=500, blank=True)
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["case", "at"], name="case_event_idx")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.at:%Y-%m-%d}"


class ReviewState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned for changes")


class Assessment(VersionedModel):
    """The structured assessment (การประเมินสภาพปัญหา)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="assessment")
    needs = models.TextField(_("needs"), max_length=MAX_TEXT, blank=True)
    risks = models.TextField(_("risks"), max_length=MAX_TEXT, blank=True)
    strengths = models.TextField(_("strengths"), max_length=MAX_TEXT, blank=True)
    living_conditions = models.TextField(_("living conditions"), max_length=MAX_TEXT, blank=True)
    opinion = models.TextField(_("social worker's opinion"), max_length=MAX_TEXT, blank=True)
    due = models.DateField(_("due date"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=ReviewState.choices, default=ReviewState.DRAFT
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self) -> str:
        return f"{self.case_id} assessment"


class Plan(VersionedModel):
    """The case plan (แผนการช่วยเหลือ). ``version`` counts saved revisions; each save also writes
    a PlanRevision snapshot, so an approved version can always be shown as it was."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="plan")
    state = models.CharField(
        _("state"), max_length=10, choices=ReviewState.choices, default=ReviewState.DRAFT
    )
    approved_version = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("case plan")
        verbose_name_plural = _("case plans")

    def __str__(self) -> str:
        return f"{self.case_id} plan v{self.version}"


class PlanGoal(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(_("goal"), max_length=500)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class PlanAction(models.Model):
    class Kind(models.TextChoices):
        ADVICE = "advice", _("Advice on welfare and law")
        EMERGENCY = "emergency", _("Emergency help")
        COUNSELLING = "counselling", _("Counselling")
        COORDINATION = "coordination", _("Coordination")
        REFERRAL = "referral", _("Network referral")
        FOLLOW_UP = "follow_up", _("Follow-up")
        OTHER = "other", _("Other")

    goal = models.ForeignKey(PlanGoal, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.OTHER)
    text = models.CharField(_("action"), max_length=500)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    due = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text


class PlanRevision(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    data = models.JSONField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_revision_unique")
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} r{self.number}"


class Approval(models.Model):
    """A request for a supervisor's approval, and its decision."""

    class Subject(models.TextChoices):
        ASSESSMENT = "assessment", _("Assessment")
        PLAN = "plan", _("Case plan")
        CLOSURE = "closure", _("Closure")
        CONSENT_EXCEPTION = "consent_exception", _("Consent exception for a child")

    class Decision(models.TextChoices):
        PENDING = "pending", _("Waiting")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="approvals")
    subject = models.CharField(_("what is to be approved"), max_length=20, choices=Subject.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()
    comment = models.CharField(_("comment"), max_length=1000, blank=True)
    # The plan revision (or other version) the request is about: approving it approves that one.
    subject_version = models.PositiveIntegerField(null=True, blank=True)
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_comment = models.CharField(_("supervisor's comment"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")
        ordering = ["-requested_at"]
        indexes = [models.Index(fields=["decision", "case"], name="case_approval_idx")]
        constraints = [
            # At most one open request per subject: approving twice must not be possible.
            models.UniqueConstraint(
                fields=["case", "subject"],
                condition=models.Q(decision="pending"),
                name="approval_one_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.subject} {self.decision}"


class Note(VersionedModel):
    class Kind(models.TextChoices):
        CONTACT = "contact", _("Contact")
        HOME_VISIT = "home_visit", _("Home visit")
        COUNSELLING = "counselling", _("Counselling")
        COORDINATION = "coordination", _("Coordination")
        RESULT = "result", _("Result")

    audit_sensitive = True

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    text = models.TextField(_("note"), max_length=MAX_NOTE)
    confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("Only the case's team and supervisors can read it; every read is logged."),
    )
    happened_on = models.DateField(_("date"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["-created"]
        indexes = [models.Index(fields=["case", "-created"], name="case_note_idx")]

    def __str__(self) -> str:
        return f"{self.case_id} note {self.pk}"


class Task(VersionedModel):
    class Kind(models.TextChoices):
        TASK = "task", _("Task")
        FOLLOW_UP = "follow_up", _("Follow-up")
        HOME_VISIT = "home_visit", _("Home visit")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks")
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices, default=Kind.TASK)
    title = models.CharField(_("what to do"), max_length=300)
    due = models.DateField(_("due date"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # A visit or call is about one client: their safe-contact preferences are checked.
    client = models.ForeignKey(
        CaseClient,
        verbose_name=_("client"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    done_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["due", "id"]
        indexes = [
            models.Index(fields=["owner", "status", "due"], name="case_task_owner_idx"),
            models.Index(fields=["case", "due"], name="case_task_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def overdue(self, today: dt.date) -> bool:
        return self.status == self.Status.OPEN and self.due < today


def _attachment_path(instance: Attachment, filename: str) -> str:
    return f"private/cases/{instance.case.center_id}/{instance.case.number}/{filename}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        ID_CARD = "id_card", _("ID card copy")
        HOUSE_REGISTRATION = "house_registration", _("House registration")
        PHOTO = "photo", _("Photo")
        POLICE_REPORT = "police_report", _("Police report")
        MEDICAL = "medical", _("Medical")
        CONSENT_FORM = "consent_form", _("Signed consent form")
        OTHER = "other", _("Other")

    audit_sensitive = True

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    file = models.FileField(upload_to=_attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    description = models.CharField(_("description"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.original_name


class BreakGlass(models.Model):
    """Emergency access to a case outside one's team: reasoned, time-limited, audited and told
    to the supervisors."""

    HOURS = 4

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="break_glass")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=500)
    granted_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["user", "case", "expires_at"], name="break_glass_idx")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.user_id} until {self.expires_at}"


class LawfulBasis(models.TextChoices):
    CONSENT = "consent", _("Explicit consent (PDPA s.26(1))")
    VITAL_INTEREST = (
        "vital_interest",
        _("Vital interest, the person cannot consent (PDPA s.26(1)(a))"),
    )
    SOCIAL_CARE = "social_care", _("Legal duty in social care and welfare (PDPA s.26(5)(b))")
    PUBLIC_TASK = "public_task", _("Public task (PDPA s.24(4))")
    LEGAL_OBLIGATION = "legal_obligation", _("Legal obligation (PDPA s.24(6))")


class Consent(VersionedModel):
    """Lawful basis and consent for one case (PDPA). Sharing outside the center checks it."""

    class Method(models.TextChoices):
        SIGNED_FORM = "signed_form", _("Signed form (uploaded)")
        VERBAL_WITNESS = "verbal_witness", _("Verbal, with a witness")
        UNABLE = "unable", _("Unable to consent")
        NOT_NEEDED = "not_needed", _("Not needed for this lawful basis")

    class Guardian(models.TextChoices):
        NOT_CHILD = "not_child", _("Not a child")
        GIVEN = "given", _("Guardian consented")
        EXCEPTION = "exception", _("Exception: the guardian is the alleged perpetrator")

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="consent")
    lawful_basis = models.CharField(_("lawful basis"), max_length=20, choices=LawfulBasis.choices)
    consenting_person = models.CharField(_("who consented"), max_length=200, blank=True)
    method = models.CharField(_("how"), max_length=16, choices=Method.choices)
    form = models.ForeignKey(
        Attachment,
        verbose_name=_("signed form"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    witness = models.CharField(_("witness"), max_length=200, blank=True)
    unable_reason = models.CharField(_("why they cannot consent"), max_length=500, blank=True)
    share_outside = models.BooleanField(
        _("may be shared with partners outside the center"), default=False
    )
    guardian = models.CharField(
        _("child's guardian"), max_length=10, choices=Guardian.choices, default=Guardian.NOT_CHILD
    )
    guardian_name = models.CharField(_("guardian's name"), max_length=200, blank=True)
    exception_reason = models.CharField(_("reason for the exception"), max_length=500, blank=True)
    exception_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    exception_approved_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The client's privacy notice (privacy.notices) read or played to them when this was
    # recorded: PDPA s.23 asks which notice a person was given, and notices change.
    notice_version = models.CharField(_("privacy notice version"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("consent and lawful basis")
        verbose_name_plural = _("consents and lawful bases")

    def __str__(self) -> str:
        return f"{self.case_id} {self.lawful_basis}"


class LegalDuty(models.TextChoices):
    CHILD_PROTECTION = "child_protection", _("Child Protection Act B.E. 2546, s.29")
    FAMILY_VIOLENCE = "family_violence", _("Family Institution Protection Act B.E. 2562, s.7")
    TRAFFICKING = "trafficking", _("Anti-Trafficking in Persons Act B.E. 2551")


class LegalDutyDecision(models.Model):
    class Decision(models.TextChoices):
        REPORTED = "reported", _("Reported to the competent official")
        ALREADY_KNOWN = "already_known", _("Already known to the competent official")
        NOT_APPLICABLE = "not_applicable", _("Does not apply after checking")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="legal_duties")
    duty = models.CharField(_("law"), max_length=20, choices=LegalDuty.choices)
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices)
    detail = models.CharField(
        _("to whom, when, or why not"), max_length=500, help_text=_("Required.")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.duty} {self.decision}"


class CaseCounter(models.Model):
    """The last case number used per center and BE year-month (CENTER-YYMM-NNNNN)."""

    center = models.ForeignKey("centers.Center", on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=4)
    value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["center", "period"], name="case_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.center_id} {self.period} {self.value}"
