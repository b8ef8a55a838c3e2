from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from onestop.cases.models import Attachment, CaseClient
from onestop.core.forms import ThaiDateField
from onestop.directory.models import Service
from onestop.referrals.models import Referral


class ReferralForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=Referral.Kind.choices,
        initial=Referral.Kind.REFERRAL,
        required=False,
        widget=forms.RadioSelect,
    )
    service = forms.ModelChoiceField(
        label=_("Service"),
        queryset=Service.objects.filter(status=Service.Status.ACTIVE, organization__is_active=True)
        .select_related("organization")
        .order_by("organization__name_th", "name_th"),
    )
    clients = forms.ModelMultipleChoiceField(
        label=_("Who is referred"),
        queryset=CaseClient.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(
        label=_("Reason and what you ask for"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    due = ThaiDateField(label=_("Help expected by"), required=True)
    share_summary = forms.BooleanField(
        label=_("Share the case summary"), required=False, initial=True
    )
    share_contact = forms.BooleanField(
        label=_("Share the client's safe phone"),
        required=False,
        help_text=_("Only a phone the client says is safe is ever shared."),
    )
    documents = forms.ModelMultipleChoiceField(
        label=_("Documents to share"),
        queryset=Attachment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    override_reason = forms.CharField(
        label=_("Supervisor: reason to send without the consent record"),
        max_length=500,
        required=False,
    )

    def __init__(self, *args: Any, case: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].label_from_instance = lambda s: f"{s.organization.name}: {s.name}"  # type: ignore[attr-defined]
        if case is not None:
            self.fields["clients"].queryset = case.clients.select_related("person")  # type: ignore[attr-defined]
            self.fields["clients"].label_from_instance = lambda c: (  # type: ignore[attr-defined]
                f"{c.person.full_name} ({c.get_role_display()})"
            )
            self.fields["documents"].queryset = case.attachments.all()  # type: ignore[attr-defined]
            self.fields["documents"].label_from_instance = lambda a: (  # type: ignore[attr-defined]
                f"{a.get_kind_display()}: {a.original_name}"
            )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class OverrideForm(forms.Form):
    override_reason = forms.CharField(max_length=500, required=False)


class OutcomeForm(forms.Form):
    completed = forms.TypedChoiceField(
        label=_("Was the help given?"),
        choices=[("1", _("Yes, completed")), ("0", _("No, not completed"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    outcome = forms.CharField(
        label=_("Outcome"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4})
    )


class LetterForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=300)
    recipient = forms.CharField(label=_("To"), max_length=300)
    body = forms.CharField(
        label=_("Body"), max_length=6000, widget=forms.Textarea(attrs={"rows": 8})
    )
    signer_name = forms.CharField(label=_("Signed by"), max_length=200)
    signer_position = forms.CharField(label=_("Position"), max_length=200)


class LinkForm(forms.Form):
    email = forms.EmailField(label=_("Partner's email"))
