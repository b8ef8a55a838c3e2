"""Public event pages (listing, registration, ticket, certificate) and the organiser's pages
(events, attendees, check-in at the door, walk-ins, exports). Views stay thin."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Avg, Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_scopes import scopes_disabled

from onestop.accounts.decorators import capability_required, public, request_user
from onestop.core.exports import csv_response, xlsx_response
from onestop.core.forms import add_errors, flash_errors, post_action
from onestop.core.net import client_ip
from onestop.events import access, courses, services, tickets
from onestop.events.forms import (
    CheckInForm,
    CourseForm,
    EnrollForm,
    EventForm,
    FeedbackForm,
    PersonEnrollForm,
    RegistrationForm,
    ScoreForm,
)
from onestop.events.models import Enrollment, Event, Feedback, Registration
from onestop.lib.ratelimit import hit
from onestop.privacy.notices import NOTICES
from onestop.public.views import public_center

R = Registration.Status


def _with_counts(qs):  # type: ignore[no-untyped-def]
    return qs.annotate(
        taken=Count("registrations", filter=Q(registrations__status=R.CONFIRMED)),
        waiting=Count("registrations", filter=Q(registrations__status=R.WAITLISTED)),
        arrived=Count("registrations", filter=Q(registrations__checked_in_at__isnull=False)),
    )


# Public ---------------------------------------------------------------------------------------


@public
@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    with scopes_disabled():
        events = list(
            _with_counts(
                Event.objects.filter(status=Event.Status.PUBLISHED, ends_at__gte=timezone.now())
            ).select_related("center")[:100]
        )
    return render(request, "events/list.html", {"events": events})


def _public_event(pk: int) -> Event:
    with scopes_disabled():
        event = _with_counts(Event.objects.exclude(status=Event.Status.DRAFT)).filter(pk=pk).first()
    if event is None:
        raise Http404
    return event


@public
@require_http_methods(["GET", "POST"])
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = _public_event(pk)
    form = RegistrationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not hit(
            "event-register-ip", client_ip(request) or "unknown", settings.INTAKE_RATE_PER_IP
        ):
            form.is_valid()
            form.add_error(None, _("Too many registrations from this device. Please wait a while."))
            status = 429
        elif form.is_valid():
            try:
                result = services.register(event=event, data=form.to_input())
            except ValidationError as exc:
                add_errors(form, exc)
                status = 400
            else:
                if not result.created:
                    messages.info(request, _("You are already registered: here is your ticket."))
                return redirect("events:ticket", token=result.registration.token)
        else:
            status = 400
    context = {"event": event, "form": form, "notice": NOTICES["event"]}
    return render(request, "events/detail.html", context, status=status)


def _ticket(token: str) -> Registration:
    reg = services.registration_by_token(token)
    if reg is None:
        raise Http404
    return reg


@public
@require_GET
def ticket(request: HttpRequest, token: str) -> HttpResponse:
    reg = _ticket(token)
    context = {"reg": reg, "event": reg.event, "feedback_form": FeedbackForm()}
    return render(request, "events/ticket.html", context)


@public
@require_POST
def ticket_feedback(request: HttpRequest, token: str) -> HttpResponse:
    reg = _ticket(token)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "events/ticket.html",
            {"reg": reg, "event": reg.event, "feedback_form": form},
            status=400,
        )
    try:
        services.feedback_give(registration=reg, **form.cleaned_data)
    except ValidationError as exc:
        add_errors(form, exc)
        return render(
            request,
            "events/ticket.html",
            {"reg": reg, "event": reg.event, "feedback_form": form},
            status=400,
        )
    messages.success(request, _("Thank you for your feedback."))
    return redirect("events:ticket", token=reg.token)


@public
@require_GET
def ticket_qr(request: HttpRequest, token: str) -> HttpResponse:
    reg = _ticket(token)
    if reg.status != R.CONFIRMED:
        raise Http404
    response = HttpResponse(tickets.qr_png(services.ticket_url(reg)), content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    return response


@public
@require_POST
def ticket_cancel(request: HttpRequest, token: str) -> HttpResponse:
    reg = _ticket(token)
    try:
        services.cancel(registration=reg)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect("events:ticket", token=reg.token)


@public
@require_GET
def certificate_pdf(request: HttpRequest, token: str) -> HttpResponse:
    reg = _ticket(token)
    if reg.checked_in_at is None:
        raise Http404  # a certificate of attendance is for those who came
    response = HttpResponse(tickets.render_certificate(reg), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="certificate.pdf"'
    return response


@public
@require_GET
def certificate_verify(request: HttpRequest, token: str) -> HttpResponse:
    if not hit("card-verify-ip", client_ip(request) or "unknown", settings.CARD_VERIFY_RATE):
        return render(request, "events/verify.html", {"limited": True}, status=429)
    reg = services.registration_by_token(token)
    if reg is None or reg.checked_in_at is None:
        return render(request, "events/verify.html", {"unknown": True}, status=404)
    return render(request, "events/verify.html", {"reg": reg, "event": reg.event})


# The organiser's side ------------------------------------------------------------------------


@capability_required("can_manage_events")
@require_GET
def manage_list(request: HttpRequest) -> HttpResponse:
    events = _with_counts(access.events_for_user(request_user(request))).order_by("-starts_at")[
        :200
    ]
    return render(request, "events/manage_list.html", {"events": events})


@capability_required("can_manage_events")
@require_http_methods(["GET", "POST"])
def manage_new(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    courses = access.courses_for_user(user)
    initial = (
        {"course": request.GET.get("course")} if request.GET.get("course", "").isdigit() else None
    )
    form = EventForm(request.POST or None, courses=courses, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(
                actor=user, center=user.center or public_center(), data=form.to_input()
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The event is published."))
            return redirect("events:manage_detail", pk=event.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "events/manage_new.html", {"form": form}, status=status)


@capability_required("can_manage_events")
@require_GET
def manage_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.get_event_for_user(request_user(request), pk)
    regs = event.registrations.exclude(status=R.CANCELLED).order_by("status", "created")
    feedback = Feedback.objects.filter(registration__event=event)
    context = {
        "event": event,
        "regs": regs,
        "walk_in_form": RegistrationForm(prefix="walkin"),
        "feedback": feedback.aggregate(n=Count("id"), avg=Avg("rating")),
        "comments": feedback.exclude(useful="", improve="").order_by("-created")[:50],
    }
    return render(request, "events/manage_detail.html", context)


@capability_required("can_manage_events")
@require_http_methods(["GET", "POST"])
def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    event = access.get_event_for_user(user, pk)
    form = CheckInForm(request.POST or None)
    result = None
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            result = services.check_in(actor=user, event=event, code=form.cleaned_data["code"])
        except ValidationError as exc:
            add_errors(form, exc)
            status = 400
        else:
            form = CheckInForm()
    arrived = event.registrations.filter(checked_in_at__isnull=False).count()
    context = {"event": event, "form": form, "result": result, "arrived": arrived}
    return render(request, "events/check_in.html", context, status=status)


@capability_required("can_manage_events")
@require_POST
def walk_in(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    event = access.get_event_for_user(user, pk)
    form = RegistrationForm(request.POST, prefix="walkin")
    if post_action(
        request, form, lambda d: services.walk_in(actor=user, event=event, data=form.to_input())
    ):
        messages.success(request, _("Registered and checked in."))
    return redirect("events:manage_detail", pk=event.pk)


HEADER = [
    "name",
    "organisation",
    "email",
    "phone",
    "status",
    "walk_in",
    "checked_in_at",
    "accessibility",
]


@capability_required("can_manage_events")
@require_GET
def attendance_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    from onestop.audit.services import audit_log

    user = request_user(request)
    event = access.get_event_for_user(user, pk)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    rows = [[row[h] for h in HEADER] for row in services.attendance_rows(event)]
    audit_log(
        action="events.attendance.exported",
        actor=user,
        obj=event,
        data={"format": fmt, "rows": len(rows)},
    )
    name = f"attendance-{event.pk}.{fmt}"
    if fmt == "xlsx":
        return xlsx_response(name, HEADER, rows)
    return csv_response(name, HEADER, rows)


# Courses -------------------------------------------------------------------------------------


@capability_required("can_manage_events")
@require_http_methods(["GET", "POST"])
def course_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            course = courses.course_create(
                actor=user,
                center=user.center or public_center(),
                data=courses.CourseInput(**form.cleaned_data),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The course is saved: add its sessions."))
            return redirect("events:course_detail", pk=course.pk)
    rows = [(c, courses.course_report(c)) for c in access.courses_for_user(user)]
    status = 400 if request.method == "POST" else 200
    return render(request, "events/course_list.html", {"rows": rows, "form": form}, status=status)


def _enroll_choices(user, course):  # type: ignore[no-untyped-def]
    from onestop.volunteers import access as volunteer_access
    from onestop.volunteers.models import Volunteer

    if not user.can("can_manage_volunteers"):
        return Volunteer.objects.none()
    return (
        volunteer_access.volunteers_for_user(user)
        .filter(status=Volunteer.Status.ACTIVE)
        .exclude(enrollments__course=course)
    )


@capability_required("can_manage_events")
@require_GET
def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    course = access.get_course_for_user(user, pk)
    enrollments = [
        (e, courses.attended(e))
        for e in course.enrollments.select_related("volunteer").order_by("id")
    ]
    context = {
        "course": course,
        "sessions": _with_counts(course.sessions.all()).order_by("starts_at"),
        "enrollments": enrollments,
        "report": courses.course_report(course),
        "enroll_form": EnrollForm(volunteers=_enroll_choices(user, course)),
        "person_form": PersonEnrollForm(prefix="person"),
    }
    return render(request, "events/course_detail.html", context)


@capability_required("can_manage_events")
@require_POST
def course_enroll(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    course = access.get_course_for_user(user, pk)
    form = EnrollForm(request.POST, volunteers=_enroll_choices(user, course))
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose an active volunteer of this center."))
        courses.course_enroll(actor=user, course=course, volunteer=form.cleaned_data["volunteer"])
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Enrolled, with a place at each session."))
    return redirect("events:course_detail", pk=course.pk)


@capability_required("can_manage_events")
@require_POST
def course_enroll_person(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    course = access.get_course_for_user(user, pk)
    form = PersonEnrollForm(request.POST, prefix="person")
    post_action(
        request,
        form,
        lambda d: courses.course_enroll_person(actor=user, course=course, **d),
        _("Enrolled, with a place at each session."),
    )
    return redirect("events:course_detail", pk=course.pk)


@capability_required("can_manage_events")
@require_POST
def course_evaluate(request: HttpRequest, pk: int, enrollment_pk: int) -> HttpResponse:
    user = request_user(request)
    course = access.get_course_for_user(user, pk)
    enrollment = course.enrollments.filter(pk=enrollment_pk).first()
    if enrollment is None:
        raise Http404
    form = ScoreForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Enter a score between 0 and 100."))
        courses.course_evaluate(actor=user, enrollment=enrollment, score=form.cleaned_data["score"])
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Completed: the training record is on the volunteer."))
    return redirect("events:course_detail", pk=course.pk)


@public
@require_GET
def course_certificate_verify(request: HttpRequest, token: str) -> HttpResponse:
    if not hit("card-verify-ip", client_ip(request) or "unknown", settings.CARD_VERIFY_RATE):
        return render(request, "events/course_verify.html", {"limited": True}, status=429)
    enrollment = None
    if services.TOKEN_RE.match(token):
        with scopes_disabled():
            enrollment = (
                Enrollment.objects.select_related("course__center", "volunteer")
                .filter(certificate_token=token, status=Enrollment.Status.COMPLETED)
                .first()
            )
    if enrollment is None:
        return render(request, "events/course_verify.html", {"unknown": True}, status=404)
    return render(request, "events/course_verify.html", {"e": enrollment})


@capability_required("can_manage_events")
@require_GET
def course_certificate_pdf(request: HttpRequest, pk: int, enrollment_pk: int) -> HttpResponse:
    course = access.get_course_for_user(request_user(request), pk)
    enrollment = (
        course.enrollments.select_related("volunteer", "course__center")
        .filter(pk=enrollment_pk, status=Enrollment.Status.COMPLETED)
        .first()
    )
    if enrollment is None:
        raise Http404
    response = HttpResponse(
        tickets.render_course_certificate(enrollment), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="course-{course.code}.pdf"'
    return response
