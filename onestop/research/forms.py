from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from onestop.accounts.access import staff_with
from onestop.accounts.models import User
from onestop.core.forms import ThaiDateField
from onestop.research.exporters import REGISTRY
from onestop.research.models import Extract, Project


class ProjectForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    purpose = forms.CharField(
        label=_("Purpose and research questions"), max_length=4000, widget=forms.Textarea
    )
    ethics_committee = forms.CharField(label=_("Ethics committee"), max_length=300)
    ethics_number = forms.CharField(label=_("Ethics approval number"), max_length=60)
    ethics_expires = ThaiDateField(label=_("Ethics approval valid until"), required=True)
    datasets = forms.MultipleChoiceField(
        label=_("Datasets requested"),
        choices=[(code, e.label) for code, e in REGISTRY.items()],
        widget=forms.CheckboxSelectMultiple,
    )
    members = forms.ModelMultipleChoiceField(
        label=_("Other members"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        researchers = staff_with(user.center_id, "can_export_research").exclude(pk=user.pk)
        self.fields["members"].queryset = researchers  # type: ignore[attr-defined]
        self.fields["members"].label_from_instance = lambda u: u.display_name  # type: ignore[attr-defined]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approve")), ("reject", _("Do not approve"))]
    )
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)


class ColumnsField(forms.MultipleChoiceField):
    """Checkboxes whose values the service checks: it names a direct identifier asked for by
    hand and says why it is refused, where a choice field would only say "not a choice"."""

    def validate(self, value: Any) -> None:
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")


class ExtractForm(forms.Form):
    # Chosen on the page first (the column lists depend on it), then carried along.
    dataset = forms.ChoiceField(label=_("Dataset"), widget=forms.HiddenInput)
    columns = ColumnsField(label=_("Columns"), widget=forms.CheckboxSelectMultiple, choices=[])
    quasi_identifiers = ColumnsField(
        label=_("Quasi-identifiers for the k-anonymity check"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[],
        help_text=_("Empty means every chosen column that could identify someone."),
    )
    start = ThaiDateField(label=_("From"), required=True)
    end = ThaiDateField(label=_("Up to"), required=True)
    k = forms.IntegerField(label=_("k (smallest group)"), initial=5, min_value=1, max_value=1000)
    on_failure = forms.ChoiceField(
        label=_("When the check fails"), choices=Extract.OnFailure.choices
    )
    aggregate = forms.BooleanField(
        label=_("Counts only (cells under 5 are suppressed)"), required=False
    )

    def __init__(self, *args: Any, project: Project, dataset: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offered = [code for code in project.datasets if code in REGISTRY]
        self.fields["dataset"].choices = [(c, REGISTRY[c].label) for c in offered]  # type: ignore[attr-defined]
        self.chosen = dataset if dataset in offered else (offered[0] if offered else "")
        self.initial["dataset"] = self.chosen
        columns = REGISTRY[self.chosen].columns if self.chosen else {}
        # The service checks the columns again and refuses a direct identifier by name (the
        # form lets any value through so that the refusal can say why).
        self.fields["columns"].choices = [  # type: ignore[attr-defined]
            (name, f"{col.label} · {name}") for name, col in columns.items()
        ]
        self.fields["quasi_identifiers"].choices = [  # type: ignore[attr-defined]
            (name, f"{col.label} · {name}") for name, col in columns.items() if col.quasi
        ]
