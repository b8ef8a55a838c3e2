"""One append-only audit table: who, when, which center, what, on which object, old and new.

Rows are only ever inserted through ``onestop.audit.services``. The model and its queryset
refuse updates and deletes so that no code path can rewrite history by accident; PDPA
redaction (a later issue) will be the single, audited exception.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    pass


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("audit entries are append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit entries are append-only")

    def for_object(self, obj: models.Model) -> AuditQuerySet:
        return self.filter(object_type=object_type_of(obj), object_id=str(obj.pk))


def object_type_of(obj: models.Model) -> str:
    return obj._meta.label_lower


class AuditEntry(models.Model):
    class Kind(models.TextChoices):
        WRITE = "write", _("Change")
        READ = "read", _("Read of sensitive data")
        AUTH = "auth", _("Sign-in event")
        SYSTEM = "system", _("System")

    at = models.DateTimeField(_("when"), default=timezone.now)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.WRITE)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # audit_actor_idx starts with it; every write in the product pays per index
    )
    # The name at the time, so the entry still reads right after a rename.
    actor_label = models.CharField(_("who (as recorded)"), max_length=150, blank=True)
    center = models.ForeignKey(
        "centers.Center",
        verbose_name=_("center"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # audit_center_idx starts with it
    )
    action = models.CharField(_("action"), max_length=80)
    object_type = models.CharField(_("object type"), max_length=80, blank=True)
    object_id = models.CharField(_("object ID"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    request_id = models.CharField(_("request ID"), max_length=64, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    objects: ClassVar[AuditQuerySet] = AuditQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-id"]
        indexes = [
            # The history include on every detail page.
            models.Index(fields=["object_type", "object_id", "-at"], name="audit_object_idx"),
            # The center's audit log page, newest first.
            models.Index(fields=["center", "-at"], name="audit_center_idx"),
            # "What did this person do" (DPO investigations).
            models.Index(fields=["actor", "-at"], name="audit_actor_idx"),
            models.Index(fields=["action", "-at"], name="audit_action_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit entries are append-only")
