"""The research sandbox: projects with an ethics approval and a center admin's approval, and
the de-identified extracts their members build (exporters.py says what each may contain)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Project(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Not approved")
        CLOSED = "closed", _("Closed")

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=300)
    purpose = models.TextField(_("purpose and research questions"), max_length=4000)
    principal_investigator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("principal investigator"),
        on_delete=models.PROTECT,
        related_name="research_projects_led",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members"),
        blank=True,
        related_name="research_projects",
    )
    ethics_committee = models.CharField(_("ethics committee"), max_length=300)
    ethics_number = models.CharField(_("ethics approval number"), max_length=60)
    ethics_expires = models.DateField(_("ethics approval valid until"))
    datasets = models.JSONField(_("datasets requested"), default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.CharField(_("reason"), max_length=500, blank=True)
    # The key of this project's pseudonyms: the same person is the same pseudonym in every
    # extract of the project, and unlinkable across projects. Never shown.
    pseudonym_key = models.CharField(max_length=64, editable=False)
    notice_version = models.CharField(_("privacy notice version"), max_length=20, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("research project")

    def __str__(self) -> str:
        return self.title

    @property
    def ethics_valid(self) -> bool:
        return self.ethics_expires >= timezone.localdate()

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.APPROVED and self.ethics_valid

    @property
    def expires_at(self) -> dt.datetime:
        """Extracts stop being downloadable at the end of the ethics approval's last day."""
        return timezone.make_aware(
            dt.datetime.combine(self.ethics_expires + dt.timedelta(days=1), dt.time.min)
        )


def _extract_path(instance: Extract, filename: str) -> str:
    return f"private/research/{instance.token}/{filename}"


class Extract(models.Model):
    class Status(models.TextChoices):
        READY = "ready", _("Ready")
        REFUSED = "refused", _("Refused: k-anonymity not met")
        EXPIRED = "expired", _("Expired and deleted")

    class OnFailure(models.TextChoices):
        REFUSE = "refuse", _("Refuse the extract")
        SUPPRESS = "suppress", _("Leave out the rows that fail, with a report")

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="extracts")
    token = models.CharField(max_length=32, unique=True)
    dataset = models.CharField(_("dataset"), max_length=20)
    columns = models.JSONField(_("columns"))
    quasi_identifiers = models.JSONField(_("quasi-identifiers"))
    aggregate = models.BooleanField(_("counts only"), default=False)
    k = models.PositiveSmallIntegerField(default=5)
    on_failure = models.CharField(max_length=10, choices=OnFailure.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices)
    rows = models.PositiveIntegerField(default=0)
    suppressed = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)
    file = models.FileField(upload_to=_extract_path, max_length=200, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.dataset} {self.created:%Y-%m-%d}"

    @property
    def filename(self) -> str:
        return f"{self.dataset}-{self.token[:8]}.csv"
