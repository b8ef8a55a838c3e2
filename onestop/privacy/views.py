"""/privacy/: the breach register with its 72-hour clock to the PDPC, the record of processing,
and the data subject requests with their 30-day clock."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from onestop.accounts.decorators import capability_required, login_required, public, request_user
from onestop.core.forms import add_errors, post_action
from onestop.privacy import access, services
from onestop.privacy.forms import (
    AssessForm,
    BreachForm,
    DataRequestForm,
    DecideForm,
    NoteForm,
    NotifiedForm,
    VerifyForm,
)
from onestop.privacy.models import Breach, DataRequest

PDPA = "can_manage_pdpa"


@capability_required(PDPA)
@require_GET
def breach_list(request: HttpRequest) -> HttpResponse:
    breaches = list(access.breaches_for_user(request_user(request)))
    open_ = [b for b in breaches if b.status == Breach.Status.OPEN]
    context = {
        "open": open_,
        "closed": [b for b in breaches if b.status == Breach.Status.CLOSED][:50],
        "breached": sum(1 for b in breaches if b.clock_breached),
    }
    return render(request, "privacy/breach_list.html", context)


@capability_required(PDPA)
@require_http_methods(["GET", "POST"])
def breach_new(request: HttpRequest) -> HttpResponse:
    form = BreachForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            breach = services.breach_record(actor=request_user(request), **form.result())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request, _("Recorded. The 72-hour clock runs from when you became aware.")
            )
            return redirect("privacy:breach", pk=breach.pk)
    return render(
        request, "privacy/breach_new.html", {"form": form}, status=400 if form.errors else 200
    )


def _now_fields() -> dict[str, str]:
    from django.utils import timezone

    from onestop.thai.dates import be_year

    now = timezone.localtime()
    return {"on": f"{now.day:02d}/{now.month:02d}/{be_year(now.year)}", "time": f"{now:%H:%M}"}


def _detail(request: HttpRequest, breach: Breach, **forms: object) -> HttpResponse:
    context = {
        "breach": breach,
        "events": list(breach.events.select_related("actor")),
        "assess_form": forms.get("assess_form")
        or AssessForm(
            initial={
                "risk": breach.risk if breach.risk != "unassessed" else "",
                "risk_reason": breach.risk_reason,
                "data_kinds": breach.data_kinds,
                "people_affected": breach.people_affected,
                "containment": breach.containment,
            }
        ),
        "notified_form": NotifiedForm(initial=_now_fields()),
        "note_form": NoteForm(),
    }
    status = 400 if any(getattr(f, "errors", None) for f in forms.values()) else 200
    return render(request, "privacy/breach.html", context, status=status)


@capability_required(PDPA)
@require_GET
def breach(request: HttpRequest, pk: str) -> HttpResponse:
    return _detail(request, access.get_breach_for_user(request_user(request), pk))


@capability_required(PDPA)
@require_POST
def breach_assess(request: HttpRequest, pk: str) -> HttpResponse:
    user = request_user(request)
    item = access.get_breach_for_user(user, pk)
    form = AssessForm(request.POST)
    if form.is_valid():
        try:
            services.breach_assess(actor=user, breach=item, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Assessment recorded."))
            return redirect("privacy:breach", pk=item.pk)
    return _detail(request, item, assess_form=form)


@capability_required(PDPA)
@require_POST
def breach_action(request: HttpRequest, pk: str, action: str) -> HttpResponse:
    user = request_user(request)
    item = access.get_breach_for_user(user, pk)
    if action == "notified":
        form = NotifiedForm(request.POST)
        post_action(
            request,
            form,
            lambda d: services.breach_notified(
                actor=user,
                breach=item,
                whom=d["whom"],
                at=form.at(),
                reference=d["reference"],
                late_reason=d["late_reason"],
            ),
            _("Notification recorded."),
        )
    elif action == "note":
        post_action(
            request,
            NoteForm(request.POST),
            lambda d: services.breach_note(actor=user, breach=item, text=d["text"]),
            _("Note added."),
        )
    elif action == "close":
        try:
            services.breach_close(actor=user, breach=item)
        except ValidationError as exc:
            for error in exc.messages:
                messages.error(request, error)
        else:
            messages.success(request, _("The incident is closed."))
    else:
        raise Http404
    return redirect("privacy:breach", pk=item.pk)


@capability_required(PDPA, "can_manage_center")
@require_GET
def records(request: HttpRequest) -> HttpResponse:
    """The record of processing (s.39), generated from privacy.register and the models."""
    from onestop.audit.services import audit_log
    from onestop.core.exports import XLSX, attachment
    from onestop.privacy import records as rop

    user = request_user(request)
    center = user.center.name_th if user.center else ""
    fmt = request.GET.get("format", "")
    if fmt in ("xlsx", "pdf"):
        audit_log(action="privacy.records.exported", actor=user, data={"format": fmt})
        if fmt == "xlsx":
            return attachment(rop.to_xlsx(center), "record-of-processing.xlsx", XLSX)
        return attachment(
            rop.to_pdf(center, user.display_name), "record-of-processing.pdf", "application/pdf"
        )
    refusals = (
        DataRequest.objects.filter(
            center_id=user.center_id or 0,
            decision__in=[DataRequest.Decision.REFUSED, DataRequest.Decision.PARTLY],
        )
        .order_by("-decided_at")
        .only("kind", "decision", "decision_reason", "withheld_reason", "decided_at")[:200]
    )
    context = {"rows": rop.rows(), "header": rop._header(), "refusals": refusals}
    return render(request, "privacy/records.html", context)


# --- Data subject requests ------------------------------------------------------------------


@capability_required(PDPA)
@require_http_methods(["GET", "POST"])
def requests(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = DataRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        received = None
        if d["received_on"]:
            from django.utils import timezone

            received = timezone.make_aware(dt.datetime.combine(d["received_on"], dt.time(9, 0)))
        try:
            item = services.dsar_record(
                actor=user,
                kind=d["kind"],
                requester_name=d["requester_name"],
                requester_contact=d["requester_contact"],
                on_behalf=d["on_behalf"],
                details=d["details"],
                received_at=received,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Recorded. The answer is due within 30 days."))
            return redirect("privacy:request", pk=item.pk)
    items = list(access.requests_for_user(user))
    context = {
        "form": form,
        "open": [r for r in items if r.is_open],
        "answered": [r for r in items if not r.is_open][:50],
    }
    return render(request, "privacy/requests.html", context, status=400 if form.errors else 200)


def _request_page(request: HttpRequest, item: DataRequest, **forms: object) -> HttpResponse:
    context = {
        "item": item,
        "verify_form": forms.get("verify_form") or VerifyForm(),
        "decide_form": forms.get("decide_form") or DecideForm(),
        "may_export": item.status == DataRequest.Status.DONE
        and item.kind in (DataRequest.Kind.ACCESS, DataRequest.Kind.PORTABILITY),
        "erasure": None,
    }
    if (
        item.kind == DataRequest.Kind.ERASURE
        and item.status == DataRequest.Status.DONE
        and item.person is not None
    ):
        from onestop.privacy import erasure

        context["erasure"] = {
            "done": item.person.given_name == erasure.ERASED,
            "refusals": erasure.refusals(item.person),
        }
    status = 400 if any(getattr(f, "errors", None) for f in forms.values()) else 200
    return render(request, "privacy/request.html", context, status=status)


@capability_required(PDPA)
@require_GET
def data_request(request: HttpRequest, pk: str) -> HttpResponse:
    return _request_page(request, access.get_request_for_user(request_user(request), pk))


@capability_required(PDPA)
@require_POST
def request_verify(request: HttpRequest, pk: str) -> HttpResponse:
    user = request_user(request)
    item = access.get_request_for_user(user, pk)
    form = VerifyForm(request.POST)
    if form.is_valid():
        person = access.person_for_request(user, form.cleaned_data["person"])
        try:
            services.dsar_verify(
                actor=user, request=item, method=form.cleaned_data["method"], person=person
            )
        except ValidationError as exc:
            if person is None:
                form.add_error("person", _("No person of this center has this code."))
            else:
                add_errors(form, exc)
        else:
            messages.success(request, _("Identity checked."))
            return redirect("privacy:request", pk=item.pk)
    return _request_page(request, item, verify_form=form)


@capability_required(PDPA)
@require_POST
def request_decide(request: HttpRequest, pk: str) -> HttpResponse:
    user = request_user(request)
    item = access.get_request_for_user(user, pk)
    form = DecideForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.dsar_decide(
                actor=user,
                request=item,
                decision=d["decision"],
                reason=d["reason"],
                withheld_cases=d["withheld_cases"].replace(" ", ",").split(","),
                withheld_reason=d["withheld_reason"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("privacy:request", pk=item.pk)
    return _request_page(request, item, decide_form=form)


@capability_required(PDPA)
@require_GET
def request_export(request: HttpRequest, pk: str, fmt: str) -> HttpResponse:
    from onestop.core.exports import attachment

    user = request_user(request)
    item = access.get_request_for_user(user, pk)
    if fmt not in ("json", "pdf"):
        raise Http404
    try:
        body = services.dsar_export(actor=user, request=item, fmt=fmt)
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
        return redirect("privacy:request", pk=item.pk)
    content_type = "application/json" if fmt == "json" else "application/pdf"
    return attachment(body, f"personal-data-{item.pk}.{fmt}", content_type)


@capability_required(PDPA)
@require_POST
def request_anonymise(request: HttpRequest, pk: str) -> HttpResponse:
    """Carry out a granted erasure request: anonymise the person (privacy.erasure)."""
    from onestop.privacy import erasure

    user = request_user(request)
    item = access.get_request_for_user(user, pk)
    if (
        item.kind != DataRequest.Kind.ERASURE
        or item.status != DataRequest.Status.DONE
        or item.person is None
    ):
        messages.error(request, _("Only a granted erasure request is carried out here."))
        return redirect("privacy:request", pk=item.pk)
    try:
        result = erasure.anonymise_person(
            actor=user, person=item.person, reason=_("Erasure request %(n)s") % {"n": item.pk}
        )
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    else:
        messages.success(
            request,
            _("The person's data was erased: %(cases)s cases and %(entries)s audit entries.")
            % {"cases": result.cases, "entries": result.audit_entries},
        )
    return redirect("privacy:request", pk=item.pk)


@capability_required(PDPA)
@require_http_methods(["GET", "POST"])
def retention_view(request: HttpRequest) -> HttpResponse:
    """The center's retention schedule: edit it, see what is due (the dry run), apply it now."""
    from onestop.audit.services import audit_log
    from onestop.privacy import retention
    from onestop.privacy.forms import RetentionForm
    from onestop.privacy.models import RetentionRule

    user = request_user(request)
    center_id = user.center_id
    if center_id is None:  # a system administrator: the center named, or the first
        from onestop.centers.models import Center

        center = Center.objects.filter(code=request.GET.get("center", "")).first()
        center = center or Center.objects.order_by("pk").first()
        if center is None:
            raise Http404
        center_id = center.pk
    current = RetentionRule.months_for(center_id)
    form = RetentionForm(
        request.POST if request.POST.get("action") == "save" else None, current=current
    )
    if request.method == "POST" and request.POST.get("action") == "apply":
        done = retention.apply(center_id, actor=user)
        messages.success(
            request,
            _("Anonymised %(n)s records past their retention period.")
            % {"n": sum(len(d.items) for d in done)},
        )
        return redirect("privacy:retention")
    if request.method == "POST" and form.is_valid():
        for code, keep in form.cleaned_data.items():
            RetentionRule.objects.update_or_create(
                center_id=center_id,
                record=code,
                defaults={"keep_months": keep, "updated_by": user},
            )
        from onestop.centers.models import Center

        audit_log(
            action="privacy.retention.changed",
            actor=user,
            center=Center.objects.filter(pk=center_id).first(),
            data=form.cleaned_data,
        )
        messages.success(request, _("Retention schedule saved."))
        return redirect("privacy:retention")
    labels = dict(RetentionRule.Record.choices)
    due = [(labels[d.record], d) for d in retention.due(center_id)]
    return render(
        request,
        "privacy/retention.html",
        {"form": form, "due": due},
        status=400 if form.errors else 200,
    )


@public
@require_GET
def notice(request: HttpRequest, audience: str) -> HttpResponse:
    """A privacy notice in full, in the visitor's language, with its version."""
    from onestop.privacy.notices import NOTICES

    item = NOTICES.get(audience)
    if item is None:
        raise Http404
    return render(request, "privacy/notice.html", {"notice": item})


@login_required
@require_GET
def notices(request: HttpRequest) -> HttpResponse:
    """Every notice with the script staff read out on the phone or at the counter."""
    from onestop.privacy.notices import NOTICES

    return render(request, "privacy/notices.html", {"notices": list(NOTICES.values())})
