"""Personal data protection duties (PDPA B.E. 2562). First part: the breach register
(s.37(4): notify the PDPC within 72 hours of becoming aware, and the data subjects without
delay when the risk to them is high)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PDPC_HOURS = 72


class Breach(models.Model):
    class Risk(models.TextChoices):
        UNASSESSED = "unassessed", _("Not yet assessed")
        NONE = "none", _("Unlikely to put anyone's rights at risk")
        RISK = "risk", _("A risk to the rights and freedoms of the people concerned")
        HIGH = "high", _("A high risk: the people concerned must also be told")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("what happened, in a line"), max_length=200)
    description = models.TextField(_("what happened"), max_length=5000)
    aware_at = models.DateTimeField(_("when the center became aware"))
    occurred_at = models.DateTimeField(_("when it happened (if known)"), null=True, blank=True)
    data_kinds = models.CharField(_("which personal data"), max_length=500, blank=True)
    people_affected = models.PositiveIntegerField(_("about how many people"), null=True, blank=True)
    risk = models.CharField(_("risk"), max_length=12, choices=Risk.choices, default=Risk.UNASSESSED)
    risk_reason = models.TextField(_("why this risk"), max_length=2000, blank=True)
    containment = models.TextField(_("what was done to contain it"), max_length=2000, blank=True)
    notified_pdpc_at = models.DateTimeField(_("PDPC notified"), null=True, blank=True)
    pdpc_reference = models.CharField(_("PDPC reference"), max_length=100, blank=True)
    late_reason = models.CharField(_("reason for a late notification"), max_length=500, blank=True)
    notified_subjects_at = models.DateTimeField(
        _("people concerned notified"), null=True, blank=True
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-aware_at"]
        verbose_name = _("personal data breach")
        indexes = [models.Index(fields=["center", "status"], name="breach_open_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def pdpc_due(self) -> dt.datetime:
        return self.aware_at + dt.timedelta(hours=PDPC_HOURS)

    @property
    def needs_pdpc(self) -> bool:
        """Unless it is assessed as unlikely to put anyone at risk, the PDPC must be told."""
        return self.risk != self.Risk.NONE

    @property
    def clock_breached(self) -> bool:
        if not self.needs_pdpc:
            return False
        told = self.notified_pdpc_at
        return (told or timezone.now()) > self.pdpc_due

    @property
    def hours_left(self) -> float:
        return round((self.pdpc_due - timezone.now()).total_seconds() / 3600, 1)


EVENT_LABELS = {
    "recorded": _("Recorded"),
    "assessed": _("Risk assessed"),
    "note": _("Note"),
    "notified_pdpc": _("PDPC notified"),
    "notified_subjects": _("People concerned notified"),
    "closed": _("Closed"),
}


class BreachEvent(models.Model):
    """The incident's timeline: each step and note, in order, never edited."""

    breach = models.ForeignKey(Breach, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20)
    text = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.breach_id} {self.kind}"

    @property
    def label(self) -> str:
        return str(EVENT_LABELS.get(self.kind, self.kind))


DSAR_DAYS = 30


class DataRequest(models.Model):
    """A data subject's request under PDPA s.30-36, answered within 30 days."""

    class Kind(models.TextChoices):
        ACCESS = "access", _("Access and a copy (s.30)")
        PORTABILITY = "portability", _("Portability (s.31)")
        OBJECTION = "objection", _("Objection (s.32)")
        ERASURE = "erasure", _("Erasure (s.33)")
        RESTRICTION = "restriction", _("Restriction (s.34)")
        RECTIFICATION = "rectification", _("Rectification (s.35-36)")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received: identity not yet checked")
        VERIFIED = "verified", _("Identity checked")
        DONE = "done", _("Answered")
        REFUSED = "refused", _("Refused")

    class Decision(models.TextChoices):
        GRANTED = "granted", _("Granted")
        PARTLY = "partly", _("Granted in part")
        REFUSED = "refused", _("Refused")

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("what is asked"), max_length=14, choices=Kind.choices)
    person = models.ForeignKey(
        "persons.Person",
        verbose_name=_("the person the data is about"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    requester_name = models.CharField(_("who asks"), max_length=200)
    requester_contact = models.CharField(_("how to reach them"), max_length=200)
    on_behalf = models.CharField(
        _("asking for someone else (relationship)"), max_length=100, blank=True
    )
    details = models.TextField(_("what they ask"), max_length=3000, blank=True)
    received_at = models.DateTimeField(_("received"))
    due_at = models.DateTimeField(_("answer due"))
    identity_method = models.CharField(_("how identity was checked"), max_length=300, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RECEIVED)
    decision = models.CharField(_("decision"), max_length=8, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(_("reason"), max_length=2000, blank=True)
    # Parts withheld because they would endanger others (s.30 para 2): case numbers, and why.
    withheld_cases = models.JSONField(_("cases withheld"), default=list, blank=True)
    withheld_reason = models.CharField(_("why they are withheld"), max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due_at"]
        verbose_name = _("data subject request")
        indexes = [models.Index(fields=["center", "status", "due_at"], name="dsar_queue_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.requester_name}"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.RECEIVED, self.Status.VERIFIED)

    @property
    def days_left(self) -> int:
        return (timezone.localtime(self.due_at).date() - timezone.localdate()).days

    @property
    def overdue(self) -> bool:
        return self.is_open and timezone.now() > self.due_at


class RetentionRule(models.Model):
    """How long a center keeps a kind of record after it stops being needed (PDPA s.37(3)).
    ``privacy.retention`` anonymises what is past it, nightly, and lists it in a dry run."""

    class Record(models.TextChoices):
        CLOSED_CASE = (
            "closed_case",
            _("A client whose cases are all closed (from the last closure)"),
        )
        REQUEST = "request", _("A help request that never became a case (from its receipt)")
        REJECTED_VOLUNTEER = "rejected_volunteer", _("A rejected volunteer application")
        EVENT_REGISTRATION = "event_registration", _("An event registration (from the event's end)")

    DEFAULT_MONTHS = {
        Record.CLOSED_CASE: 120,
        Record.REQUEST: 24,
        Record.REJECTED_VOLUNTEER: 12,
        Record.EVENT_REGISTRATION: 12,
    }

    center = models.ForeignKey("centers.Center", on_delete=models.CASCADE, related_name="+")
    record = models.CharField(_("record"), max_length=20, choices=Record.choices)
    keep_months = models.PositiveSmallIntegerField(_("keep for (months)"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("retention rule")
        constraints = [
            models.UniqueConstraint(fields=["center", "record"], name="retention_rule_unique")
        ]

    def __str__(self) -> str:
        return f"{self.record}: {self.keep_months}"

    @classmethod
    def months_for(cls, center_id: int) -> dict[str, int]:
        """The center's rules, with the defaults for kinds it has not set (a closed case's
        default is RETENTION_CLOSED_CASE_YEARS)."""
        out = {str(k): v for k, v in cls.DEFAULT_MONTHS.items()}
        out[str(cls.Record.CLOSED_CASE)] = settings.RETENTION_CLOSED_CASE_YEARS * 12
        for rule in cls.objects.filter(center_id=center_id):
            out[rule.record] = rule.keep_months
        return out
