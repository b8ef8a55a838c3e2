"""Benefits and their dated rule versions (domain.md §5). Rules are data: conditions and amount
tiers are JSON in the condition language of ``conditions.py``, checked before they are saved."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from onestop.core.models import BilingualName


class Benefit(BilingualName, models.Model):
    class Period(models.TextChoices):
        MONTH = "month", _("per month")
        ONCE = "once", _("once")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    agency = models.CharField(_("paying agency"), max_length=200)
    how_to_apply = models.TextField(_("how to apply"), max_length=2000, blank=True)
    documents = models.JSONField(_("documents to bring"), default=list, blank=True)
    period = models.CharField(_("paid"), max_length=5, choices=Period.choices)
    sort = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("benefit")
        verbose_name_plural = _("benefits")
        ordering = ["sort", "code"]

    def __str__(self) -> str:
        return self.code


class RuleVersion(models.Model):
    """One dated version of a benefit's rule. A screening result names the version it used, so
    editing (which always makes a new version) never rewrites a past result."""

    benefit = models.ForeignKey(Benefit, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveIntegerField()
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective until"), null=True, blank=True)
    source_title = models.CharField(_("source"), max_length=300)
    source_url = models.URLField(_("source address"), max_length=500)
    verified_on = models.DateField(_("figures last verified"))
    # [{"id": "age", "th": "...", "en": "...", "expr": {...}}, ...]
    conditions = models.JSONField(_("conditions"))
    # [{"when": {...} or null, "amount": number or {...}, "th": "...", "en": "..."}, ...]: the
    # first tier whose "when" holds gives the amount.
    amounts = models.JSONField(_("amounts"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["benefit", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["benefit", "version"], name="rule_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.benefit_id} v{self.version}"


class BenefitApplication(models.Model):
    """What a worker applied for on a client's behalf, and what came of it (dashboards count
    these). It keeps the rule version the screening used."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("To apply")
        APPLIED = "applied", _("Applied")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="benefit_applications"
    )
    person = models.ForeignKey("persons.Person", on_delete=models.PROTECT, related_name="+")
    benefit = models.ForeignKey(Benefit, on_delete=models.PROTECT, related_name="applications")
    rule_version = models.ForeignKey(RuleVersion, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated"]
        indexes = [models.Index(fields=["benefit", "status"], name="benefit_application_idx")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.benefit_id} {self.status}"
