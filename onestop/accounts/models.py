from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from onestop.accounts.capabilities import CAPABILITIES, ROLES


class User(AbstractUser):  # type: ignore[django-manager-missing]  # Case uses ScopedManager
    """A staff member, partner, volunteer or researcher. The public never logs in.

    ``center`` is the home center: every query the user makes is scoped to it. A superuser (or
    a holder of the system_admin role) has no home center and sees every center.
    """

    # Staff data visible to a center admin; reading someone else's profile is audited.
    audit_sensitive = True

    class Language(models.TextChoices):
        THAI = "th", _("Thai")
        ENGLISH = "en", _("English")

    center = models.ForeignKey(
        "centers.Center",
        verbose_name=_("center"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    team = models.ForeignKey(
        "centers.Team",
        verbose_name=_("team"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("partner organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        help_text=_("Partner staff only: the organisation they act for."),
    )
    name_prefix = models.CharField(_("prefix"), max_length=40, blank=True)
    position = models.CharField(_("position"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.THAI
    )

    class Meta:
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("user")
        verbose_name_plural = _("users")
        permissions = list(CAPABILITIES.items())
        constraints = [
            models.CheckConstraint(
                condition=models.Q(team__isnull=True) | models.Q(center__isnull=False),
                name="user_team_needs_center",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        full = f"{self.name_prefix}{self.first_name} {self.last_name}".strip()
        return full or self.username

    @property
    def is_system_admin(self) -> bool:
        return self.is_superuser or self.has_perm("accounts.can_admin_system")

    def can(self, capability: str) -> bool:
        return self.is_active and self.has_perm(f"accounts.{capability}")

    @property
    def role_codes(self) -> list[str]:
        return [g.name for g in self.groups.all() if g.name in ROLES]
