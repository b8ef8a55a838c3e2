"""Referrals (การส่งต่อ): a case's clients sent to a partner's service, with only the parts of
the case the worker chose to share, and the partner's answer and outcome."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from onestop.core.models import VersionedModel


class Referral(VersionedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent, waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        NOT_COMPLETED = "not_completed", _("Not completed")
        REVOKED = "revoked", _("Withdrawn by the sender")

    OPEN = (Status.SENT, Status.ACCEPTED, Status.IN_PROGRESS)
    ENDED = (Status.DECLINED, Status.COMPLETED, Status.NOT_COMPLETED, Status.REVOKED)

    audit_sensitive = True

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="referrals")

    class Kind(models.TextChoices):
        REFERRAL = "referral", _("Refer for a service")
        TRANSFER = "transfer", _("Transfer the whole case to another OneStop center")

    number = models.CharField(_("referral number"), max_length=32, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.REFERRAL)
    # Between centers: the receiving center's own case, opened when it accepts.
    receiving_case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    service = models.ForeignKey(
        "directory.Service",
        verbose_name=_("service"),
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    # The service's organisation, kept on the referral: the partner's inbox filters on it.
    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.PROTECT, related_name="referrals"
    )
    clients = models.ManyToManyField(
        "cases.CaseClient", verbose_name=_("clients"), related_name="referrals"
    )
    share_summary = models.BooleanField(_("share the case summary"), default=True)
    share_contact = models.BooleanField(
        _("share how to reach the client"),
        default=False,
        help_text=_("Only the client's safe phone is shared, and only if contact is safe."),
    )
    documents = models.ManyToManyField(  # type: ignore[var-annotated]
        "cases.Attachment", verbose_name=_("documents shared"), blank=True, related_name="referrals"
    )
    reason = models.TextField(_("reason for the referral"), max_length=3000)
    due = models.DateField(_("help expected by"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    accept_due = models.DateTimeField(_("answer expected by"), null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decline_reason = models.CharField(_("reason for declining"), max_length=500, blank=True)
    outcome = models.TextField(_("outcome"), max_length=3000, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    revoke_reason = models.CharField(_("reason for withdrawing"), max_length=500, blank=True)
    consent_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    consent_override_reason = models.CharField(max_length=500, blank=True)
    # The case's status when the referral was sent: it goes back there when the referral ends.
    case_status_before = models.CharField(max_length=20, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    # Accepted but not reported by ``due``: escalated once, like the answer deadline.
    overdue_escalated_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[models.Manager[Referral]] = ScopedManager(center="center")

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created"]
        indexes = [
            models.Index(fields=["organization", "status", "-created"], name="referral_inbox_idx"),
            models.Index(fields=["status", "accept_due"], name="referral_due_idx"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN


class LetterCounter(models.Model):
    """The last letter number used per center and Thai fiscal year (1 October - 30 September)."""

    center = models.ForeignKey("centers.Center", on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField()
    value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["center", "fiscal_year"], name="letter_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.center_id} {self.fiscal_year} {self.value}"


class ReferralLetter(models.Model):
    """The official referral letter (หนังสือประสานส่งต่อ): numbered once, kept as issued."""

    referral = models.OneToOneField(Referral, on_delete=models.PROTECT, related_name="letter")
    number = models.CharField(_("letter number"), max_length=40)
    fiscal_year = models.PositiveSmallIntegerField()
    date = models.DateField(_("date"))
    subject = models.CharField(_("subject"), max_length=300)
    recipient = models.CharField(_("to"), max_length=300)
    body = models.TextField(_("body"), max_length=6000)
    enclosures = models.JSONField(_("enclosures"), default=list, blank=True)
    signer_name = models.CharField(_("signed by"), max_length=200)
    signer_position = models.CharField(_("position"), max_length=200)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("referral letter")
        verbose_name_plural = _("referral letters")

    def __str__(self) -> str:
        return self.number


class ReferralLink(models.Model):
    """A single-purpose signed link for a partner without an account: it opens one referral's
    shared part and its answer forms, until the referral closes or 30 days pass, unless revoked.
    Only a hash of the token is stored."""

    DAYS = 30

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="links")
    email = models.EmailField(_("sent to"))
    token_hash = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.referral_id} → {self.email}"
