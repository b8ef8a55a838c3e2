"""Pre-aggregated figures for the dashboard and the standard reports, and report exports.

``Fact`` rows are counts per kind and per dimension, rebuilt from the records by
``facts.refresh`` (a task every few minutes for the last days, all of it nightly). A dashboard
then sums a few thousand rows instead of counting a million cases with their clients and
addresses: the issue's 300 ms at a million cases.

Each kind keeps only the dimensions its panels group by, and is written twice over: per team
(scope "t", no place) and per place (scope "a", no team), because a team crossed with every
district multiplies the rows back to the size of the records. And twice again: per day (grain
"d") and per month (grain "m"); a period sums whole months from the monthly rows and only its
ragged ends from the daily ones. A team in one place (scope "b") is kept per month only, so a
dashboard filtered by both reads whole months. Snapshot kinds (open cases, overdue tasks) hold one day, the
day of the last refresh.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FactKind(models.TextChoices):
    REQUEST = "request", _("Help requests received")
    REQUEST_GROUP = "req_group", _("Help requests by problem and target group")
    REQUEST_DEADLINE = "req_deadline", _("First-contact deadlines")
    REQUEST_ACTION = "req_action", _("Action taken on help requests")
    CASE = "case", _("Cases opened")
    REFERRAL_SENT = "ref_sent", _("Referrals sent")
    REFERRAL_ACCEPTED = "ref_accepted", _("Referrals accepted")
    REFERRAL_DONE = "ref_done", _("Referrals completed")
    WELFARE = "welfare", _("Welfare applications")
    VISIT = "visit", _("Volunteer visits reported")
    HOURS = "hours", _("Volunteer hours approved")
    OPEN = "open", _("Open cases (snapshot)")
    OVERDUE = "overdue", _("Overdue tasks (snapshot)")


class Fact(models.Model):
    """One count: ``n`` records of ``kind`` on ``day`` with these dimension values (blank where
    a dimension does not apply), and ``total`` where the kind sums something (hours; seconds
    from sending a referral to its acceptance)."""

    center = models.ForeignKey("centers.Center", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()  # the first of the month for monthly rows
    kind = models.CharField(max_length=12, choices=FactKind.choices)
    grain = models.CharField(max_length=1)  # "d" day, "m" month
    scope = models.CharField(max_length=1)  # "t" per team, "a" per place, "b" both (monthly)
    channel = models.CharField(max_length=10, blank=True)
    category = models.CharField(max_length=20, blank=True)  # the top-level category's code
    target_group = models.CharField(max_length=10, blank=True)
    disabled = models.BooleanField(default=False)
    province = models.CharField(max_length=6, blank=True)
    district = models.CharField(max_length=6, blank=True)
    team_id = models.BigIntegerField(null=True, blank=True)
    urgency = models.CharField(max_length=12, blank=True)
    # The kind's own outcome: a request's action taken, a case's status, an application's.
    label = models.CharField(max_length=30, blank=True)
    # A second attribute: the partner organisation's id for referrals, the benefit's code.
    detail = models.CharField(max_length=40, blank=True)
    on_time = models.BooleanField(null=True, blank=True)
    n = models.PositiveIntegerField()
    total = models.FloatField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["center", "kind", "scope", "grain", "day"], name="fact_lookup_idx")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.day} {self.n}"


class FactRefresh(models.Model):
    """When a center's facts were last rebuilt, shown on the dashboard ("figures as of")."""

    center = models.OneToOneField("centers.Center", on_delete=models.CASCADE, related_name="+")
    refreshed_at = models.DateTimeField()
    full_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(default=0)

    def __str__(self) -> str:
        return f"{self.center_id} {self.refreshed_at}"


def _export_path(instance: Export, filename: str) -> str:
    # A random name in private storage: the file is only ever served by the download view.
    return f"private/exports/{instance.token}/{filename}"


class Export(models.Model):
    class Report(models.TextChoices):
        DAILY = "daily", _("Daily summary")
        MONTHLY = "monthly", _("Monthly summary")
        FISCAL_YEAR = "fiscal_year", _("Fiscal-year summary")

    class Format(models.TextChoices):
        XLSX = "xlsx", _("Excel (XLSX)")
        CSV = "csv", _("CSV")
        PDF = "pdf", _("PDF")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being produced")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Expired and deleted")

    KEEP_DAYS = 7

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    token = models.CharField(max_length=32, unique=True)
    report = models.CharField(_("report"), max_length=12, choices=Report.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    fmt = models.CharField(_("format"), max_length=4, choices=Format.choices)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(upload_to=_export_path, max_length=200, blank=True)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-created"]
        indexes = [models.Index(fields=["center", "-created"], name="export_center_idx")]

    def __str__(self) -> str:
        return f"{self.get_report_display()} {self.start}–{self.end}"

    @property
    def filename(self) -> str:
        return f"onestop-{self.report}-{self.start:%Y%m%d}-{self.end:%Y%m%d}.{self.fmt}"
