"""Quality-of-life outcomes: a configurable instrument (domains scored 1-5, each with its
definition), recorded for a case's clients at opening, at review and at closure, and reported
as before and after per cohort. The measure the action research needs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from onestop.core.models import BilingualName, TimeStampedModel


class Domain(BilingualName, models.Model):
    code = models.SlugField(_("code"), max_length=20, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    definition = models.TextField(_("what 1 and 5 mean"), max_length=1000)
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("outcome domain")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name


class OutcomeRecord(TimeStampedModel):
    class Stage(models.TextChoices):
        OPENING = "opening", _("At opening")
        REVIEW = "review", _("At review")
        CLOSURE = "closure", _("At closure")

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="outcomes")
    client = models.ForeignKey(
        "cases.CaseClient", on_delete=models.CASCADE, related_name="outcomes"
    )
    stage = models.CharField(_("when"), max_length=10, choices=Stage.choices)
    scores = models.JSONField(_("scores"))  # {domain code: 1..5}
    recorded_on = models.DateField(_("recorded on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["recorded_on", "id"]
        indexes = [models.Index(fields=["case", "client", "recorded_on"], name="outcome_case_idx")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.stage} {self.recorded_on}"
