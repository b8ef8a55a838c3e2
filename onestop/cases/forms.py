"""Staff forms for cases. Rules live in cases.services; these only shape input."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from onestop.accounts.models import User
from onestop.cases.models import (
    MAX_NOTE,
    MAX_TEXT,
    ActionStatus,
    Approval,
    Attachment,
    CaseClient,
    CaseStatus,
    ClientRole,
    Consent,
    LawfulBasis,
    LegalDuty,
    LegalDutyDecision,
    Note,
    PlanAction,
    Task,
)
from onestop.centers.models import Team
from onestop.core.forms import ThaiDateField
from onestop.intake.models import Category, RiskFlag, Urgency
from onestop.persons.models import PersonPhone
from onestop.privacy import notices


def case_team(case: Any) -> QuerySet[User]:
    """Who may own a task or a plan action: the case's worker, their team and the center's
    supervisors (not every worker of a large center)."""
    q = Q(pk=case.worker_id) | Q(groups__permissions__codename="can_approve")
    if case.team_id is not None:
        q |= Q(team_id=case.team_id)
    return (
        User.objects.filter(q, center_id=case.center_id, is_active=True)
        .distinct()
        .order_by("first_name", "last_name")
    )


def staff_of(center_id: int | None, capability: str = "can_manage_case") -> QuerySet[User]:
    """Active staff of a center holding ``capability`` (workers, task and action owners)."""
    from onestop.accounts.access import staff_with

    return staff_with(center_id, capability)


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class VersionMixin(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Case number"), max_length=24, required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Open cases")), ("all", _("All")), *list(CaseStatus.choices)],
        required=False,
    )
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.filter(parent__isnull=True, is_active=True),
        required=False,
        empty_label=_("All categories"),
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    mine = forms.BooleanField(label=_("Only mine"), required=False)


class CaseFieldsForm(forms.Form):
    """What a case is about: shared by opening and editing."""

    title = forms.CharField(label=_("Short title"), max_length=200)
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.filter(is_active=True)
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"), choices=Urgency.choices, widget=forms.RadioSelect, initial="normal"
    )
    risk_flags = forms.MultipleChoiceField(
        label=_("Risk checklist"),
        choices=RiskFlag.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    summary = forms.CharField(
        label=_("What the case is about"),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class CaseOpenForm(CaseFieldsForm):
    clients = forms.CharField(
        label=_("Clients (person codes)"),
        max_length=400,
        help_text=_(
            "One or more person codes, e.g. P-ABCDE-FGHJK, separated by spaces. The first is the "
            "client; find or register them in Persons."
        ),
    )

    def codes(self) -> list[str]:
        return [c for c in self.cleaned_data["clients"].replace(",", " ").upper().split() if c]


class CaseEditForm(CaseFieldsForm, VersionMixin):
    """The case page's "Edit": the same fields, with the version read."""


class AssignForm(VersionMixin):
    worker = StaffChoiceField(label=_("Social worker"), queryset=User.objects.none())
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.none(),
        required=False,
        help_text=_("Empty: the worker's own team."),
    )
    reason = forms.CharField(
        label=_("Reason (needed when reassigning)"), max_length=500, required=False
    )

    def __init__(self, *args: Any, center_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = staff_of(center_id)  # type: ignore[attr-defined]
        self.fields["team"].queryset = (  # type: ignore[attr-defined]
            Team.objects.filter(center_id=center_id, is_active=True)
            if center_id is not None
            else Team.objects.none()
        )


class TransitionForm(VersionMixin):
    status = forms.ChoiceField(label=_("New status"), choices=CaseStatus.choices)
    reason = forms.CharField(
        label=_("Reason (needed when reopening)"), max_length=500, required=False
    )


class AssessmentForm(VersionMixin):
    needs = forms.CharField(
        label=_("Needs"),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    risks = forms.CharField(
        label=_("Risks"),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    strengths = forms.CharField(
        label=_("Strengths"),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    living_conditions = forms.CharField(
        label=_("Living conditions"),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    opinion = forms.CharField(
        label=_("Social worker's opinion"),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    due = ThaiDateField(label=_("Due date"))


class GoalForm(VersionMixin):
    text = forms.CharField(label=_("Goal"), max_length=500)


class ActionForm(VersionMixin):
    goal = forms.TypedChoiceField(label=_("Goal"), coerce=int, choices=[])
    kind = forms.ChoiceField(label=_("Kind"), choices=PlanAction.Kind.choices)
    text = forms.CharField(label=_("Action"), max_length=500)
    owner = StaffChoiceField(label=_("Owner"), queryset=User.objects.none(), required=False)
    due = ThaiDateField(label=_("Due date"))

    def __init__(
        self,
        *args: Any,
        case: Any = None,
        plan: Any = None,
        owners: list[User] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        owner.queryset = case_team(case) if case is not None else User.objects.none()  # type: ignore[attr-defined]
        if owners is not None:
            # Already read by the page: the choices come from the list, not another query.
            owner.choices = [("", "---------")] + [(u.pk, u.display_name) for u in owners]  # type: ignore[attr-defined]
        if plan is not None:
            self.fields["goal"].choices = [(g.pk, g.text) for g in plan.goals.all()]  # type: ignore[attr-defined]


class ActionStatusForm(VersionMixin):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)


class ApprovalRequestForm(forms.Form):
    subject = forms.ChoiceField(
        choices=[
            (Approval.Subject.ASSESSMENT, Approval.Subject.ASSESSMENT.label),
            (Approval.Subject.PLAN, Approval.Subject.PLAN.label),
            (Approval.Subject.CLOSURE, Approval.Subject.CLOSURE.label),
        ],
        widget=forms.HiddenInput,
    )
    comment = forms.CharField(
        label=_("Comment for the supervisor"), max_length=1000, required=False
    )


class ClosureForm(VersionMixin):
    closure_summary = forms.CharField(
        label=_("Closure summary"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 4})
    )
    comment = forms.CharField(
        label=_("Comment for the supervisor"), max_length=1000, required=False
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("return", _("Return for changes"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Comment"), max_length=1000, required=False)


class NoteForm(VersionMixin):
    kind = forms.ChoiceField(label=_("Type"), choices=Note.Kind.choices)
    happened_on = ThaiDateField(label=_("Date"), help_text=_("Empty means today. e.g. 15/03/2569"))
    # No max_length here: the service refuses an over-long note with a message that gives the
    # limit and the length, instead of the browser silently cutting it off.
    text = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("At most %(n)s characters.") % {"n": f"{MAX_NOTE:,}"},
    )
    confidential = forms.BooleanField(
        label=_("Confidential: only the case's team and supervisors can read it"), required=False
    )


class TaskForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=Task.Kind.choices)
    title = forms.CharField(label=_("What to do"), max_length=300)
    due = ThaiDateField(label=_("Due date"), required=True)
    owner = StaffChoiceField(label=_("Owner"), queryset=User.objects.none())
    client = forms.ModelChoiceField(
        label=_("Client (for a visit or call)"), queryset=CaseClient.objects.none(), required=False
    )

    def __init__(
        self,
        *args: Any,
        case: Any = None,
        owners: list[User] | None = None,
        clients: list[CaseClient] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if case is not None:
            self.fields["owner"].queryset = case_team(case)  # type: ignore[attr-defined]
            self.fields["client"].queryset = case.clients.select_related("person")  # type: ignore[attr-defined]
        self.fields["client"].label_from_instance = lambda c: (  # type: ignore[attr-defined]
            f"{c.person.full_name} ({c.get_role_display()})"
        )
        # The case page has both lists already: show them without querying again.
        if owners is not None:
            self.fields["owner"].choices = [("", "---------")] + [  # type: ignore[attr-defined]
                (u.pk, u.display_name) for u in owners
            ]
        if clients is not None:
            self.fields["client"].choices = [("", "---------")] + [  # type: ignore[attr-defined]
                (c.pk, f"{c.person.full_name} ({c.get_role_display()})") for c in clients
            ]


class TaskStatusForm(VersionMixin):
    status = forms.ChoiceField(choices=Task.Status.choices)


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=Attachment.Kind.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, JPEG, PNG or WebP, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,image/jpeg,image/png,image/webp"}),
    )
    description = forms.CharField(label=_("Description"), max_length=300, required=False)


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need this case now?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Access lasts 4 hours. The supervisors are told at once and every read is logged."
        ),
    )


class ClientForm(forms.Form):
    person = forms.CharField(label=_("Person code"), max_length=20)
    role = forms.ChoiceField(label=_("Role"), choices=ClientRole.choices)


class SafetyForm(VersionMixin):
    safe_phone = forms.ModelChoiceField(
        label=_("Safe phone"),
        queryset=PersonPhone.objects.none(),
        required=False,
        empty_label=_("No phone is safe"),
    )
    line_safe = forms.BooleanField(label=_("LINE is safe"), required=False)
    visit_safe = forms.BooleanField(label=_("Home visits are safe"), required=False)
    safe_times = forms.CharField(label=_("Safe times"), max_length=200, required=False)
    do_not_contact = forms.BooleanField(label=_("Do not contact at all"), required=False)
    safety_note = forms.CharField(label=_("Safety note"), max_length=500, required=False)

    def __init__(self, *args: Any, client: CaseClient | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if client is not None:
            self.fields["safe_phone"].queryset = client.person.phones.all()  # type: ignore[attr-defined]


class ConsentForm(VersionMixin):
    lawful_basis = forms.ChoiceField(label=_("Lawful basis"), choices=LawfulBasis.choices)
    method = forms.ChoiceField(label=_("How"), choices=Consent.Method.choices)
    consenting_person = forms.CharField(label=_("Who consented"), max_length=200, required=False)
    form = forms.ModelChoiceField(
        label=_("Signed form"), queryset=Attachment.objects.none(), required=False
    )
    witness = forms.CharField(label=_("Witness"), max_length=200, required=False)
    unable_reason = forms.CharField(
        label=_("Why they cannot consent"), max_length=500, required=False
    )
    share_outside = forms.BooleanField(
        label=_("May be shared with partners outside the center"), required=False
    )
    guardian = forms.ChoiceField(label=_("Child's guardian"), choices=Consent.Guardian.choices)
    guardian_name = forms.CharField(label=_("Guardian's name"), max_length=200, required=False)
    exception_reason = forms.CharField(
        label=_("Reason for the exception"), max_length=500, required=False
    )
    # The version of the client notice this page showed (stored with the consent).
    notice_version = forms.CharField(widget=forms.HiddenInput, max_length=20, required=False)

    def __init__(self, *args: Any, case: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("notice_version", notices.version("client"))
        if case is not None:
            self.fields["form"].queryset = case.attachments.filter(  # type: ignore[attr-defined]
                kind=Attachment.Kind.CONSENT_FORM
            )


class LegalDutyForm(forms.Form):
    duty = forms.ChoiceField(label=_("Law"), choices=LegalDuty.choices, widget=forms.HiddenInput)
    decision = forms.ChoiceField(label=_("Decision"), choices=LegalDutyDecision.Decision.choices)
    detail = forms.CharField(label=_("To whom, when, or why not"), max_length=500)
