"""Courses and curricula: a course's sessions are events; a volunteer who attends enough of
them (and passes the assessment, when there is one) completes it, which writes their training
record (the volunteers app) and issues a certificate."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from onestop.accounts.models import User
from onestop.audit.services import audit_log
from onestop.centers.models import Center
from onestop.events import services
from onestop.events.models import Course, Enrollment, Event, Registration
from onestop.volunteers import services as volunteers
from onestop.volunteers.models import TrainingRecord, Volunteer

R = Registration.Status


@dataclass
class CourseInput:
    code: str
    title: str
    hours: Decimal
    min_sessions: int
    outcomes: str = ""
    pass_score: int | None = None
    prerequisite: str = ""
    valid_years: int | None = None


def course_create(*, actor: User, center: Center, data: CourseInput) -> Course:
    errors: dict[str, list[str]] = {}
    code = data.code.strip().upper()
    if not code:
        errors["code"] = [_("This field is required.")]
    elif Course.objects.filter(center=center, code=code).exists():
        errors["code"] = [_("This center already has a course with this code.")]
    if not data.title.strip():
        errors["title"] = [_("This field is required.")]
    if data.hours <= 0:
        errors["hours"] = [_("Enter the hours, more than 0.")]
    if data.min_sessions < 1:
        errors["min_sessions"] = [_("At least one session must be attended.")]
    if data.pass_score is not None and not 0 < data.pass_score <= 100:
        errors["pass_score"] = [_("Enter a pass mark between 1 and 100.")]
    if data.prerequisite.strip().upper() == code and code:
        errors["prerequisite"] = [_("A course cannot require itself.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        course = Course.objects.create(
            center=center,
            code=code,
            title=data.title.strip(),
            hours=data.hours,
            min_sessions=data.min_sessions,
            outcomes=data.outcomes.strip(),
            pass_score=data.pass_score,
            prerequisite=data.prerequisite.strip().upper(),
            valid_years=data.valid_years,
        )
        audit_log(action="events.course.created", actor=actor, obj=course)
    return course


def _has_completed(volunteer: Volunteer, code: str, today: dt.date) -> bool:
    return (
        TrainingRecord.objects.filter(volunteer=volunteer, course_code=code)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
        .exists()
    )


def _book_sessions(
    course: Course, enrollment: Enrollment, name: str, email: str, phone: str
) -> None:
    for session in course.sessions.filter(
        status=Event.Status.PUBLISHED, starts_at__gt=timezone.now()
    ):
        result = services.register(
            event=session,
            data=services.RegistrationInput(name=name, email=email, phone=phone, consent=True),
        )
        Registration.objects.filter(pk=result.registration.pk).update(
            enrollment=enrollment, volunteer=enrollment.volunteer
        )


def course_enroll(*, actor: User, course: Course, volunteer: Volunteer) -> Enrollment:
    """Enrol an active volunteer and give them a place at each upcoming session (the waitlist
    when a session is full). Refused until the prerequisite is completed."""
    today = timezone.localdate()
    if volunteer.center_id != course.center_id or volunteer.status != Volunteer.Status.ACTIVE:
        raise ValidationError(_("Choose an active volunteer of this center."))
    if course.prerequisite and not (
        _has_completed(volunteer, course.prerequisite, today)
        or _completed_course(course, course.prerequisite, volunteer=volunteer)
    ):
        raise ValidationError(
            _("%(name)s has not completed %(code)s, which this course requires first.")
            % {"name": volunteer.full_name, "code": course.prerequisite}
        )
    if Enrollment.objects.filter(course=course, volunteer=volunteer).exists():
        raise ValidationError(_("This volunteer is already enrolled."))
    with transaction.atomic():
        # The volunteer's own consent (on their application) covers their training.
        enrollment = Enrollment.objects.create(course=course, volunteer=volunteer)
        _book_sessions(course, enrollment, volunteer.full_name, volunteer.email, volunteer.phone)
        audit_log(
            action="events.course.enrolled",
            actor=actor,
            obj=volunteer,
            data={"course": course.code},
        )
    return enrollment


def _completed_course(
    course: Course, code: str, *, volunteer: Volunteer | None = None, email: str = ""
) -> bool:
    done = Enrollment.objects.filter(
        course__center_id=course.center_id, course__code=code, status=Enrollment.Status.COMPLETED
    )
    if volunteer is not None:
        return done.filter(volunteer=volunteer).exists()
    return bool(email) and done.filter(email=email).exists()


def course_enroll_person(
    *, actor: User, course: Course, name: str, email: str, phone: str = "", consent: bool = False
) -> Enrollment:
    """Enrol a student, a staff member or anyone else who is not a volunteer: the same
    sessions and rules, a certificate on completion, no training record."""
    errors: dict[str, list[str]] = {}
    email = email.strip().lower()
    if not name.strip():
        errors["name"] = [_("This field is required.")]
    if not email:
        errors["email"] = [_("Give an email, for the certificate and the tickets.")]
    if not consent:
        errors["consent"] = [_("The person must agree to the privacy notice.")]
    if errors:
        raise ValidationError(errors)
    if course.prerequisite and not _completed_course(course, course.prerequisite, email=email):
        raise ValidationError(
            _("%(name)s has not completed %(code)s, which this course requires first.")
            % {"name": name.strip(), "code": course.prerequisite}
        )
    if Enrollment.objects.filter(course=course, email=email).exists():
        raise ValidationError(_("This person is already enrolled."))
    with transaction.atomic():
        enrollment = Enrollment.objects.create(
            course=course, name=name.strip()[:150], email=email, phone=phone.strip()[:20]
        )
        _book_sessions(course, enrollment, enrollment.name, email, enrollment.phone)
        audit_log(
            action="events.course.enrolled",
            actor=actor,
            obj=course,
            data={"enrollment": enrollment.pk},
        )
    return enrollment


def attended(enrollment: Enrollment) -> int:
    return Registration.objects.filter(enrollment=enrollment, checked_in_at__isnull=False).count()


def course_evaluate(*, actor: User, enrollment: Enrollment, score: int | None = None) -> Enrollment:
    """Record the score (if any) and complete the course when its rules are met: the training
    record is written then, once."""
    course = enrollment.course
    if score is not None and not 0 <= score <= 100:
        raise ValidationError({"score": [_("Enter a score between 0 and 100.")]})
    if score is not None:
        # The score stands on its own, whether or not the course is completed now.
        with transaction.atomic():
            Enrollment.objects.filter(pk=enrollment.pk).update(score=score, updated=timezone.now())
            audit_log(
                action="events.course.scored",
                actor=actor,
                obj=enrollment.volunteer,
                data={"course": course.code, "score": score},
            )
    with transaction.atomic():
        enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
        if enrollment.status == Enrollment.Status.COMPLETED:
            return enrollment
        count = attended(enrollment)
        missing = []
        if count < course.min_sessions:
            missing.append(
                _("attended %(n)s of the %(need)s sessions needed")
                % {"n": count, "need": course.min_sessions}
            )
        if course.pass_score is not None and (enrollment.score or 0) < course.pass_score:
            missing.append(_("the assessment is not passed yet"))
        if missing:
            raise ValidationError(_("Not completed: %(why)s.") % {"why": "; ".join(missing)})
        today = timezone.localdate()
        enrollment.status = Enrollment.Status.COMPLETED
        enrollment.completed_on = today
        enrollment.certificate_token = secrets.token_urlsafe(32)
        enrollment.save(update_fields=["status", "completed_on", "certificate_token", "updated"])
        expires = (
            today.replace(year=today.year + course.valid_years) if course.valid_years else None
        )
        if enrollment.volunteer is not None:
            # The volunteer's training record, which their qualification checks read.
            volunteers.training_record_add(
                actor=actor,
                volunteer=enrollment.volunteer,
                course_code=course.code,
                title=course.title,
                hours=course.hours,
                completed_on=today,
                expires_on=expires,
                certificate=certificate_url(enrollment),
                source=TrainingRecord.Source.COURSE,
            )
        audit_log(
            action="events.course.completed",
            actor=actor,
            obj=enrollment.volunteer or course,
            data={"course": course.code, "sessions": count, "score": enrollment.score},
        )
    return enrollment


def certificate_url(enrollment: Enrollment) -> str:
    return f"{settings.SITE_URL}/events/courses/c/{enrollment.certificate_token}/"


@dataclass
class CourseReport:
    enrolled: int
    completed: int
    sessions: int
    hours_delivered: Decimal


def course_report(course: Course) -> CourseReport:
    """Hours delivered: each session's length times the people checked in to it."""
    sessions = course.sessions.annotate(
        arrived=Count("registrations", filter=Q(registrations__checked_in_at__isnull=False))
    )
    delivered = Decimal(0)
    for s in sessions:
        length = Decimal((s.ends_at - s.starts_at).total_seconds()) / 3600
        delivered += length * s.arrived
    return CourseReport(
        enrolled=course.enrollments.count(),
        completed=course.enrollments.filter(status=Enrollment.Status.COMPLETED).count(),
        sessions=len(sessions),
        hours_delivered=delivered.quantize(Decimal("0.1")),
    )
