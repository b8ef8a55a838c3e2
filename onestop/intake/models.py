"""Help requests (เรื่องรับแจ้ง), hotline and walk-in contacts, the problem taxonomy, the risk
lexicon, response policies and the center calendar."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from onestop.core.models import BilingualName, TimeStampedModel, VersionedModel


class Category(BilingualName, models.Model):  # type: ignore[django-manager-missing]
    """The problem taxonomy (domain.md §3): codes are data, with the 1300 issue mapping."""

    code = models.CharField(_("code"), max_length=20, primary_key=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    name_th = models.CharField(_("name (Thai)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    # What a member of the public would call it, on the public form.
    plain_th = models.CharField(_("plain Thai words"), max_length=200, blank=True)
    hotline_issue = models.CharField(_("1300 issue"), max_length=4, blank=True)
    sort = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("problem category")
        verbose_name_plural = _("problem categories")
        ordering = ["sort", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normal")
    URGENT = "urgent", _("Urgent")
    MOST_URGENT = "most_urgent", _("Most urgent")


URGENCY_RANK = {Urgency.NORMAL: 0, Urgency.URGENT: 1, Urgency.MOST_URGENT: 2}


class RiskFlag(models.TextChoices):
    """The 12-item risk checklist of the 1300 system (domain.md §2)."""

    NONE = "none", _("No risk")
    COMMUNICABLE = "communicable", _("Communicable disease (e.g. HIV)")
    ABANDONMENT = "abandonment", _("Abortion or abandoning a child")
    MENTAL = "mental", _("Mental health or psychiatric")
    HARM_OTHERS = "harm_others", _("Harming others or family")
    CARE = "care", _("Inappropriate care")
    SEXUAL_ABUSE = "sexual_abuse", _("Repeated sexual abuse")
    RUNAWAY = "runaway", _("Running away or refusing treatment")
    TRAFFICKING = "trafficking", _("Trafficking victim")
    ADDICTION = "addiction", _("Addiction or relapse")
    CRIME = "crime", _("Crime")
    SUICIDE = "suicide", _("Depression, high stress or suicide risk")


class TargetGroup(models.TextChoices):
    CHILD = "child", _("Child (under 18)")
    YOUTH = "youth", _("Youth (18-25)")
    ADULT = "adult", _("Adult (26-59)")
    ELDERLY = "elderly", _("Elderly (60 and over)")
    UNKNOWN = "unknown", _("Unknown")


def target_group_for_age(age: int | None) -> str:
    if age is None:
        return TargetGroup.UNKNOWN
    if age < 18:
        return TargetGroup.CHILD
    if age <= 25:
        return TargetGroup.YOUTH
    if age < 60:
        return TargetGroup.ADULT
    return TargetGroup.ELDERLY


class HelpRequest(VersionedModel):  # type: ignore[django-manager-missing]
    """One report: a person asking for help for themselves or for someone else."""

    audit_sensitive = True
    audit_entity = "help_request"

    class Channel(models.TextChoices):
        WEB = "web", _("Web form")
        LINE = "line", _("LINE")
        PHONE = "phone", _("Phone")
        WALK_IN = "walk_in", _("Walk-in")
        EMAIL = "email", _("Email")
        AGENCY = "agency", _("Agency")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        IN_REVIEW = "in_review", _("In review")
        ACCEPTED = "accepted", _("Accepted for case work")
        REFERRED = "referred", _("Referred")
        CLOSED = "closed", _("Closed")

    class Relationship(models.TextChoices):
        SELF = "self", _("Myself")
        RELATIVE = "relative", _("A relative")
        NEIGHBOUR = "neighbour", _("A neighbour or good citizen")
        AGENCY = "agency", _("An agency")
        OTHER = "other", _("Other")

    class Sex(models.TextChoices):
        MALE = "M", _("Male")
        FEMALE = "F", _("Female")
        OTHER = "X", _("Third gender or not stated")

    class Outcome(models.TextChoices):
        ACCEPT = "accept", _("Accept for case work")
        MERGE = "merge", _("Merge into an existing request")
        EMERGENCY = "emergency", _("Refer straight to an emergency service")
        INFO_ONLY = "info_only", _("Close as information only")

    # Indexes on this table are kept to the ones a query uses: every public report pays for
    # each of them (the throughput target in docs/performance.md). The center is the first
    # column of intake_queue_idx; the reference's unique constraint is its lookup index.
    center = models.ForeignKey(
        "centers.Center", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    reference = models.CharField(_("reference"), max_length=24)
    # Only a hash: the code is shown once to the reporter and proves they may see the status.
    tracking_code_hash = models.CharField(max_length=64)
    idempotency_key = models.CharField(max_length=80, blank=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED
    )
    received_at = models.DateTimeField(_("received"))
    description = models.TextField(_("what is happening"), max_length=5000)
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        db_index=False,  # categories are retired, never deleted; reports scan by date
    )
    # Reporter
    reporter_relationship = models.CharField(
        _("reporter is"), max_length=10, choices=Relationship.choices, default=Relationship.OTHER
    )
    reporter_anonymous = models.BooleanField(_("anonymous"), default=False)
    reporter_name = models.CharField(_("reporter name"), max_length=150, blank=True)
    reporter_phone = models.CharField(_("reporter phone"), max_length=20, blank=True)
    reporter_line_id = models.CharField(_("reporter LINE ID"), max_length=60, blank=True)
    safe_to_contact = models.BooleanField(_("safe to contact"), default=True)
    line_user_id = models.CharField(max_length=64, blank=True)
    # Person who needs help
    subject_name = models.CharField(_("name or description"), max_length=150, blank=True)
    subject_age = models.PositiveSmallIntegerField(_("approximate age"), null=True, blank=True)
    subject_sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    subject_description = models.CharField(_("about the person"), max_length=500, blank=True)
    # Where
    subdistrict = models.ForeignKey(
        "geo.Subdistrict",
        verbose_name=_("sub-district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # the geography is never deleted; reports scan by date
    )
    address_text = models.CharField(_("place"), max_length=300, blank=True)
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    lng = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    notice_version = models.CharField(_("privacy notice version"), max_length=20, blank=True)
    # Triage
    suggested_urgency = models.CharField(max_length=12, choices=Urgency.choices, blank=True)
    suggestion = models.JSONField(default=dict, blank=True)
    urgency = models.CharField(
        _("urgency"), max_length=12, choices=Urgency.choices, default=Urgency.NORMAL
    )
    risk_flags = models.JSONField(_("risk checklist"), default=list, blank=True)
    target_group = models.CharField(
        _("target group"), max_length=10, choices=TargetGroup.choices, default=TargetGroup.UNKNOWN
    )
    outcome = models.CharField(
        _("triage outcome"), max_length=10, choices=Outcome.choices, blank=True
    )
    outcome_reason = models.CharField(_("reason"), max_length=500, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged",
        db_index=False,  # intake_merged_idx: only the few merged rows
    )
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # staff accounts are deactivated, never deleted
    )
    triaged_at = models.DateTimeField(null=True, blank=True)
    # Deadlines
    first_contact_due = models.DateTimeField(_("first contact due"), null=True, blank=True)
    first_contact_at = models.DateTimeField(_("first contact made"), null=True, blank=True)
    after_hours = models.BooleanField(_("arrived after hours"), default=False)
    handoff_1300_at = models.DateTimeField(_("handed off to 1300"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)

    objects: ClassVar[models.Manager[HelpRequest]] = ScopedManager(center="center")

    class Meta:
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")
        ordering = ["-received_at"]
        constraints = [
            # A constraint rather than unique=True: no second, LIKE-only index beside it.
            models.UniqueConstraint(fields=["reference"], name="help_request_reference_unique"),
            models.UniqueConstraint(
                fields=["idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="help_request_idempotency_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(subject_age__isnull=True) | models.Q(subject_age__lte=130),
                name="help_request_age_plausible",
            ),
        ]
        indexes = [
            # The intake queue: open requests of a center.
            models.Index(fields=["center", "status", "-received_at"], name="intake_queue_idx"),
            # Escalation sweep: open requests whose first contact is due.
            models.Index(fields=["first_contact_at", "first_contact_due"], name="intake_due_idx"),
            # Related reports: same phone within 72 h.
            models.Index(fields=["reporter_phone", "-received_at"], name="intake_phone_idx"),
            models.Index(
                fields=["merged_into"],
                condition=models.Q(merged_into__isnull=False),
                name="intake_merged_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.RECEIVED, self.Status.IN_REVIEW)

    def overdue(self, now: dt.datetime) -> bool:
        return (
            self.first_contact_at is None
            and self.first_contact_due is not None
            and now > self.first_contact_due
        )


def _photo_path(instance: HelpRequestPhoto, filename: str) -> str:
    return f"private/intake/{instance.request.center_id}/{instance.request.reference}/{filename}"


class HelpRequestPhoto(models.Model):
    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(upload_to=_photo_path, max_length=200)
    content_type = models.CharField(max_length=20)
    size = models.PositiveIntegerField()
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.request.reference} photo {self.pk}"


class Contact(TimeStampedModel):
    """Every hotline or walk-in contact is counted, even those that open no request."""

    class CallType(models.TextChoices):
        NEW_PROBLEM = "new_problem", _("New problem")
        FOLLOW_UP = "follow_up", _("Follow-up of an earlier reference")
        INQUIRY = "inquiry", _("Inquiry")
        COMMENT = "comment", _("Comment or complaint")
        WRONG_NUMBER = "wrong_number", _("Wrong number")
        NUISANCE = "nuisance", _("Nuisance call")

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("channel"), max_length=10, choices=HelpRequest.Channel.choices)
    call_type = models.CharField(_("call type"), max_length=12, choices=CallType.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("note"), max_length=2000, blank=True)
    help_request = models.ForeignKey(
        HelpRequest, on_delete=models.PROTECT, null=True, blank=True, related_name="contacts"
    )

    objects: ClassVar[models.Manager[Contact]] = ScopedManager(center="center")

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-created"]
        indexes = [models.Index(fields=["center", "-created"], name="intake_contact_idx")]

    def __str__(self) -> str:
        return f"{self.get_call_type_display()} {self.created:%Y-%m-%d %H:%M}"


class LexiconTerm(models.Model):
    """One entry of the explainable Thai risk lexicon, matched on PyThaiNLP tokens."""

    term = models.CharField(_("term"), max_length=60, unique=True)
    urgency = models.CharField(_("suggests urgency"), max_length=12, choices=Urgency.choices)
    flag = models.CharField(_("suggests risk"), max_length=20, choices=RiskFlag.choices, blank=True)
    category = models.ForeignKey(
        Category,
        verbose_name=_("suggests category"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("risk lexicon term")
        verbose_name_plural = _("risk lexicon")
        ordering = ["term"]

    def __str__(self) -> str:
        return self.term


class ResponsePolicy(models.Model):
    """Time to the first human contact, per urgency, per center."""

    center = models.ForeignKey(
        "centers.Center", on_delete=models.CASCADE, related_name="response_policies"
    )
    urgency = models.CharField(_("urgency"), max_length=12, choices=Urgency.choices)
    minutes = models.PositiveIntegerField(
        _("minutes to first contact"),
        null=True,
        blank=True,
        help_text=_("Empty means: by the end of the working day."),
    )
    working_time_only = models.BooleanField(_("count working time only"), default=False)

    class Meta:
        verbose_name = _("response policy")
        verbose_name_plural = _("response policies")
        constraints = [
            models.UniqueConstraint(fields=["center", "urgency"], name="response_policy_unique")
        ]

    def __str__(self) -> str:
        return f"{self.center} {self.urgency}"


class CenterHours(models.Model):
    center = models.OneToOneField("centers.Center", on_delete=models.CASCADE, related_name="hours")
    opens = models.TimeField(_("opens"), default=dt.time(8, 30))
    closes = models.TimeField(_("closes"), default=dt.time(16, 30))
    # ISO weekdays the center works: 1 = Monday ... 7 = Sunday.
    workdays = models.CharField(_("working days"), max_length=7, default="12345")

    class Meta:
        verbose_name = _("office hours")
        verbose_name_plural = _("office hours")

    def __str__(self) -> str:
        return f"{self.center} {self.opens}-{self.closes}"


class CenterClosure(models.Model):
    """A day the center adds to the Thai public holidays (a university holiday, a move)."""

    center = models.ForeignKey("centers.Center", on_delete=models.CASCADE, related_name="closures")
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        verbose_name = _("closure day")
        verbose_name_plural = _("closure days")
        constraints = [models.UniqueConstraint(fields=["center", "date"], name="closure_unique")]

    def __str__(self) -> str:
        return f"{self.date} {self.reason}"


class LineConversation(models.Model):
    """The state of a guided LINE conversation with one LINE user."""

    class Step(models.TextChoices):
        START = "start"
        WHAT = "what"
        WHERE = "where"
        CONTACT = "contact"
        DONE = "done"

    line_user_id = models.CharField(max_length=64, unique=True)
    center = models.ForeignKey("centers.Center", on_delete=models.CASCADE, related_name="+")
    step = models.CharField(max_length=10, choices=Step.choices, default=Step.START)
    data = models.JSONField(default=dict, blank=True)
    last_request = models.ForeignKey(
        HelpRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("LINE conversation")
        verbose_name_plural = _("LINE conversations")

    def __str__(self) -> str:
        return f"{self.line_user_id} {self.step}"


class ReferenceCounter(models.Model):
    """The last reference number used per center and month (CENTER-YYMM-NNNNN)."""

    # The unique (center, period) constraint is the index.
    center = models.ForeignKey(
        "centers.Center", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    period = models.CharField(max_length=4)
    value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["center", "period"], name="reference_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.center_id} {self.period} {self.value}"
