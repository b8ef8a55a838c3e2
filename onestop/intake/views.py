"""Staff intake pages: the live queue, a request with its triage form, and new contacts."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from onestop.accounts.decorators import capability_required, public, request_user
from onestop.core.errors import StaleEdit
from onestop.geo.forms import AddressForm
from onestop.intake import services
from onestop.intake.access import (
    get_closure_for_user,
    get_help_request_for_user,
    get_photo_for_user,
    help_requests_for_user,
)
from onestop.intake.forms import ContactForm, HandoffForm, TriageForm
from onestop.intake.models import Contact, HelpRequest
from onestop.intake.queue import open_requests, timer
from onestop.intake.related import related_requests


def _add_errors(form: object, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        target = field if field in form.fields else None  # type: ignore[attr-defined]
        for error in errors:
            form.add_error(target, error)  # type: ignore[attr-defined]


@capability_required("can_intake", "can_triage")
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    rows = [
        (r, timer(r, now))
        for r in open_requests(help_requests_for_user(request_user(request)))[:200]
    ]
    context = {"rows": rows, "now": now, "poll_seconds": settings.INTAKE_QUEUE_POLL_SECONDS}
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "intake/queue.html#rows", context)
    return render(request, "intake/queue.html", context)


@capability_required("can_intake", "can_triage")
@require_http_methods(["GET", "POST"])
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    user = request_user(request)
    help_request = get_help_request_for_user(user, request_id)
    if (
        request.method == "GET"
        and help_request.status == HelpRequest.Status.RECEIVED
        and user.can("can_triage")
    ):
        # Before the form is built, so that the form carries the version after this change.
        help_request = services.help_request_start_review(actor=user, request=help_request)
    form = TriageForm(
        request.POST or None,
        initial={
            "category": help_request.category_id or help_request.suggestion.get("category") or None,
            "urgency": help_request.urgency,
            "risk_flags": help_request.risk_flags,
            "target_group": help_request.target_group,
            "version": help_request.version,
        },
    )
    if request.method == "POST":
        help_request = get_help_request_for_user(user, request_id, write=True)
        if form.is_valid():
            d = form.cleaned_data
            merge_into = None
            if d["merge_into"]:
                merge_into = (
                    help_requests_for_user(user)
                    .filter(reference=d["merge_into"].strip().upper())
                    .first()
                )
            try:
                services.help_request_triage(
                    actor=user,
                    request=help_request,
                    category=d["category"],
                    urgency=d["urgency"],
                    risk_flags=d["risk_flags"],
                    target_group=d["target_group"],
                    outcome=d["outcome"],
                    reason=d["reason"],
                    merge_into=merge_into,
                    expected_version=d["version"],
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            except StaleEdit:
                form.add_error(None, str(StaleEdit.message))
            else:
                messages.success(
                    request, _("Triage saved for %(ref)s.") % {"ref": help_request.reference}
                )
                return redirect("intake:queue")
    context = {
        "hr": help_request,
        "form": form,
        "related": related_requests(help_request),
        "timer": timer(help_request, timezone.now()),
        "handoff_form": HandoffForm(),
    }
    return render(request, "intake/request_detail.html", context)


@capability_required("can_intake", "can_triage")
@require_POST
def record_contact(request: HttpRequest, request_id: int) -> HttpResponse:
    user = request_user(request)
    help_request = get_help_request_for_user(user, request_id)
    services.help_request_record_contact(
        actor=user, request=help_request, note=request.POST.get("note", "")
    )
    messages.success(request, _("First contact recorded."))
    return redirect("intake:request_detail", request_id=help_request.pk)


@capability_required("can_intake", "can_triage")
@require_POST
def handoff(request: HttpRequest, request_id: int) -> HttpResponse:
    user = request_user(request)
    help_request = get_help_request_for_user(user, request_id)
    form = HandoffForm(request.POST)
    if form.is_valid():
        services.help_request_handoff_1300(
            actor=user, request=help_request, note=form.cleaned_data["note"]
        )
        messages.success(request, _("Hand-off to 1300 recorded."))
    else:
        messages.error(request, _("Say who at 1300 took the hand-off, or the call time."))
    return redirect("intake:request_detail", request_id=help_request.pk)


@capability_required("can_intake", "can_triage")
@require_GET
def photo(request: HttpRequest, request_id: int, photo_id: int) -> FileResponse:
    item = get_photo_for_user(request_user(request), request_id, photo_id)
    response = FileResponse(item.image.open("rb"), content_type=item.content_type)
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = "inline"
    return response


@capability_required("can_intake")
@require_http_methods(["GET", "POST"])
def contact_new(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    data = request.POST if request.method == "POST" else None
    form = ContactForm(data)
    address = AddressForm(data, prefix="where")
    if data is not None and "refresh" not in data and form.is_valid() and address.is_valid():
        sub = address.subdistrict_value
        try:
            contact = services.contact_record(
                actor=user,
                center=user.center,  # type: ignore[arg-type]
                channel=form.cleaned_data["channel"],
                call_type=form.cleaned_data["call_type"],
                note=form.cleaned_data["note"],
                earlier_reference=form.cleaned_data["earlier_reference"],
                data=form.to_input(sub.code if sub else ""),
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            if contact.help_request is not None:
                ref = contact.help_request.reference
                messages.success(request, _("Contact recorded as %(ref)s.") % {"ref": ref})
                return redirect("intake:request_detail", request_id=contact.help_request.pk)
            messages.success(request, _("Contact counted."))
            return redirect("intake:contacts")
    from onestop.privacy.notices import NOTICES

    context = {"form": form, "address": address, "notice_script": NOTICES["reporter"].script}
    return render(request, "intake/contact_form.html", context)


@capability_required("can_intake", "can_triage")
@require_GET
def contacts(request: HttpRequest) -> HttpResponse:
    from django.db.models import Count

    user = request_user(request)
    today = timezone.localdate()
    qs = Contact.objects.filter(center=user.center).select_related("recorded_by", "help_request")
    counts = dict(
        qs.filter(created__date=today)
        .values_list("call_type")
        .annotate(n=Count("id"))
        .values_list("call_type", "n")
    )
    summary = [(label, counts.get(value, 0)) for value, label in Contact.CallType.choices]
    return render(request, "intake/contacts.html", {"contacts": qs[:100], "summary": summary})


@public
@csrf_exempt
@require_POST
def line_webhook(request: HttpRequest) -> HttpResponse:
    """LINE Messaging API webhook. Only LINE can sign a body with our channel secret."""
    from linebot.v3 import WebhookParser
    from linebot.v3.exceptions import InvalidSignatureError
    from linebot.v3.webhooks import FollowEvent, MessageEvent, TextMessageContent

    from onestop.intake.line import handle_text

    if not settings.LINE_CHANNEL_SECRET:
        return JsonResponse(
            {
                "error": {
                    "code": "not_configured",
                    "message": _("LINE is not set up."),
                    "fields": {},
                }
            },
            status=404,
        )
    signature = request.headers.get("X-Line-Signature", "")
    try:
        events = WebhookParser(settings.LINE_CHANNEL_SECRET).parse(
            request.body.decode("utf-8"), signature
        )
    except (InvalidSignatureError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        return JsonResponse(
            {
                "error": {
                    "code": "bad_signature",
                    "message": _("The request signature is not valid."),
                    "fields": {},
                }
            },
            status=400,
        )
    for event in events:
        user_id = getattr(getattr(event, "source", None), "user_id", None)
        if not user_id:
            continue
        if isinstance(event, MessageEvent) and isinstance(event.message, TextMessageContent):
            handle_text(
                user_id=user_id, text=event.message.text, reply_token=event.reply_token or ""
            )
        elif isinstance(event, FollowEvent):
            handle_text(user_id=user_id, text="", reply_token=event.reply_token or "")
    return JsonResponse({"ok": True})


@capability_required("can_manage_center")
@require_http_methods(["GET", "POST"])
def calendar(request: HttpRequest) -> HttpResponse:
    """Office hours, response times and closure days of the admin's own center."""
    from onestop.centers.access import get_center_for_user
    from onestop.intake.deadlines import DEFAULT_MINUTES
    from onestop.intake.forms import CalendarForm, ClosureForm
    from onestop.intake.models import CenterClosure, CenterHours, ResponsePolicy

    user = request_user(request)
    center = get_center_for_user(user, write=True)
    hours = CenterHours.objects.filter(center=center).first() or CenterHours(center=center)
    initial: dict[str, object] = {
        "opens": hours.opens,
        "closes": hours.closes,
        "workdays": list(hours.workdays),
    }
    policies = {p.urgency: p for p in ResponsePolicy.objects.filter(center=center)}
    for urgency in DEFAULT_MINUTES:
        policy = policies.get(urgency)
        initial[f"minutes_{urgency}"] = policy.minutes if policy else DEFAULT_MINUTES[urgency]
        initial[f"working_{urgency}"] = policy.working_time_only if policy else False
    action = request.POST.get("action", "")
    form = CalendarForm(request.POST if action == "hours" else None, initial=initial)
    closure_form = ClosureForm(request.POST if action == "add_closure" else None)
    try:
        if action == "hours" and form.is_valid():
            d = form.cleaned_data
            services.center_calendar_update(
                actor=user,
                center=center,
                opens=d["opens"],
                closes=d["closes"],
                workdays="".join(d["workdays"]),
                policies=form.policies(),
            )
            messages.success(request, _("The calendar was saved."))
            return redirect("intake:calendar")
        if action == "add_closure" and closure_form.is_valid():
            services.center_closure_add(actor=user, center=center, **closure_form.cleaned_data)
            messages.success(request, _("The closure day was added."))
            return redirect("intake:calendar")
        if action == "remove_closure":
            closure = get_closure_for_user(user, request.POST.get("closure", ""))
            services.center_closure_remove(actor=user, closure=closure)
            messages.success(request, _("The closure day was removed."))
            return redirect("intake:calendar")
    except ValidationError as exc:
        _add_errors(form if action == "hours" else closure_form, exc)
    closures = CenterClosure.objects.filter(center=center, date__gte=timezone.localdate()).order_by(
        "date"
    )
    context = {"form": form, "closure_form": closure_form, "closures": closures, "center": center}
    return render(request, "intake/calendar.html", context)
