"""Corporate social responsibility (CSR): partners who give money, goods or staff time; the
material needs case workers record (without exposing the case); matching gifts to needs and
the handover; and what a partner sees of what their giving did (aggregated, never names)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from onestop.core.models import TimeStampedModel


class Partner(TimeStampedModel):
    class Kind(models.TextChoices):
        BUSINESS = "business", _("Business")
        FOUNDATION = "foundation", _("Foundation")
        OTHER = "other", _("Other organisation")

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    # The partner's private link to their report (/giving/report/<token>/).
    report_token = models.CharField(max_length=43, unique=True)

    objects: ClassVar[models.Manager[Partner]] = ScopedManager(center="center")

    class Meta:
        verbose_name = _("CSR partner")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PartnerContact(TimeStampedModel):
    """Another person at the partner (finance, the CSR team, the staff volunteers' lead)."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=150, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Donation(TimeStampedModel):
    """Cash, goods (each in-kind gift is a lot in stock until handed over) or staff time."""

    class Kind(models.TextChoices):
        CASH = "cash", _("Cash")
        IN_KIND = "in_kind", _("Goods")
        TIME = "time", _("Staff time")

    class Method(models.TextChoices):
        TRANSFER = "transfer", _("Bank transfer")
        CHEQUE = "cheque", _("Cheque")
        CASH = "cash", _("Cash")

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="donations")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    pledged = models.BooleanField(_("pledged, not received yet"), default=False)
    received_on = models.DateField(_("date"))
    # Cash
    amount = models.DecimalField(
        _("amount (baht)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    method = models.CharField(_("method"), max_length=10, choices=Method.choices, blank=True)
    receipt_number = models.CharField(_("receipt number"), max_length=30, blank=True)
    # Goods
    item = models.CharField(_("item"), max_length=200, blank=True)
    category = models.CharField(_("need it meets"), max_length=20, blank=True)
    quantity = models.PositiveIntegerField(_("quantity"), null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    condition = models.CharField(_("condition"), max_length=100, blank=True)
    stored_at = models.CharField(_("stored at"), max_length=200, blank=True)
    # Staff time: hours each, and the partner's staff who are registered volunteers, whose
    # volunteer hours it logs.
    hours = models.DecimalField(_("hours"), max_digits=7, decimal_places=1, null=True, blank=True)
    volunteers = models.ManyToManyField(
        "volunteers.Volunteer",
        verbose_name=_("staff who volunteered"),
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("donation")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gt=0),
                name="donation_amount_positive",
            ),
            models.UniqueConstraint(
                fields=["receipt_number"],
                condition=~models.Q(receipt_number=""),
                name="receipt_number_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.partner_id}"


class Need(TimeStampedModel):
    """A material need on a case (a wheelchair, a month of rice, school fees). What coordinators
    and partners see is the category, the description and the area, never the case or client."""

    class Category(models.TextChoices):
        MOBILITY = "mobility", _("Wheelchair or walking aid")
        FOOD = "food", _("Food")
        SCHOOL = "school", _("School fees and supplies")
        HOUSEHOLD = "household", _("Household goods")
        MEDICAL = "medical", _("Medical supplies")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed by a volunteer")
        OPEN = "open", _("Open")
        MATCHED = "matched", _("Matched")
        DELIVERED = "delivered", _("Handed over")
        CANCELLED = "cancelled", _("Cancelled")

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="needs")
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    description = models.CharField(_("what is needed"), max_length=300)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    # Kept on the need so reports never read the case: the group and the province.
    target_group = models.CharField(max_length=10, blank=True)
    province = models.ForeignKey(
        "geo.Province", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects: ClassVar[models.Manager[Need]] = ScopedManager(center="center")

    class Meta:
        verbose_name = _("material need")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.get_category_display()} ×{self.quantity}"


class Handover(TimeStampedModel):
    """Goods from one donation lot given against one need, with the receiver's confirmation."""

    need = models.ForeignKey(Need, on_delete=models.PROTECT, related_name="handovers")
    donation = models.ForeignKey(Donation, on_delete=models.PROTECT, related_name="handovers")
    quantity = models.PositiveIntegerField(_("quantity"))
    handed_over_on = models.DateField(_("handed over on"), null=True, blank=True)
    receiver_confirmation = models.CharField(
        _("receiver's confirmation"), max_length=200, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0), name="handover_quantity_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.quantity} from {self.donation_id} to {self.need_id}"


class ReceiptCounter(models.Model):
    center = models.ForeignKey(
        "centers.Center", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    fiscal_year = models.PositiveIntegerField()
    value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["center", "fiscal_year"], name="receipt_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.center_id} {self.fiscal_year} {self.value}"
