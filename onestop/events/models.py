"""Forums, seminars, training sessions and volunteer activities (เวที, สัมมนา): public
registration with a waitlist, a QR ticket, check-in at the door and attendance certificates."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from onestop.core.models import TimeStampedModel


class Event(TimeStampedModel):
    class Kind(models.TextChoices):
        FORUM = "forum", _("Forum (เวที)")
        SEMINAR = "seminar", _("Seminar")
        TRAINING = "training", _("Training session")
        VOLUNTEER = "volunteer", _("Volunteer activity")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Open for registration")
        CANCELLED = "cancelled", _("Cancelled")

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("places"))
    audience = models.CharField(_("for whom"), max_length=200, blank=True)
    organiser = models.CharField(_("organiser"), max_length=200)
    partners = models.CharField(_("partners"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # A session of a course: attendance here counts towards completing it.
    course = models.ForeignKey(
        "Course",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
    )

    objects: ClassVar[models.Manager[Event]] = ScopedManager(center="center")

    class Meta:
        verbose_name = _("event")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["status", "starts_at"], name="event_upcoming_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Registration(TimeStampedModel):
    """One person's place at an event. The ticket's QR holds only ``token``."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Place confirmed")
        WAITLISTED = "waitlisted", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")

    audit_sensitive = True
    audit_entity = "registration"

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations")
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    accessibility = models.CharField(_("accessibility needs"), max_length=300, blank=True)
    consent_version = models.CharField(max_length=20)
    status = models.CharField(max_length=10, choices=Status.choices)
    token = models.CharField(max_length=43, unique=True)
    # Short, for typing at the door when there is no camera; only staff of the event use it.
    door_code = models.CharField(max_length=6)
    walk_in = models.BooleanField(_("registered at the door"), default=False)
    # Set when a course enrolment booked this place: attendance counts towards the course.
    enrollment = models.ForeignKey(
        "Enrollment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
    )
    volunteer = models.ForeignKey(
        "volunteers.Volunteer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    promoted_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("registration")
        ordering = ["created", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "door_code"], name="one_door_code_per_event"),
            # One live registration per email per event: a second try shows the first.
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~models.Q(email="") & ~models.Q(status="cancelled"),
                name="one_registration_per_email",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "created"], name="registration_queue_idx")
        ]

    def __str__(self) -> str:
        return f"{self.name} @ {self.event_id}"


class Feedback(TimeStampedModel):
    """What a participant thought, once per registration, after they came."""

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="feedback"
    )
    rating = models.PositiveSmallIntegerField(_("overall, from 1 to 5"))
    useful = models.TextField(_("what was useful"), max_length=2000, blank=True)
    improve = models.TextField(_("what we should improve"), max_length=2000, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"
            )
        ]

    def __str__(self) -> str:
        return f"feedback {self.rating} on {self.registration_id}"


class Course(TimeStampedModel):  # type: ignore[django-manager-missing]  # Event uses ScopedManager
    """A curriculum (หลักสูตร): sessions are events; completing it writes a training record for
    a volunteer and issues a course certificate."""

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("course code"), max_length=30)
    title = models.CharField(_("title"), max_length=200)
    outcomes = models.TextField(_("learning outcomes"), max_length=3000, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1)
    min_sessions = models.PositiveSmallIntegerField(_("sessions to attend, at least"))
    pass_score = models.PositiveSmallIntegerField(
        _("pass mark (out of 100), if assessed"), null=True, blank=True
    )
    prerequisite = models.CharField(
        _("course that must be completed first (code)"), max_length=30, blank=True
    )
    valid_years = models.PositiveSmallIntegerField(
        _("completion valid for (years, empty: no expiry)"), null=True, blank=True
    )

    objects: ClassVar[models.Manager[Course]] = ScopedManager(center="center")

    class Meta:
        verbose_name = _("course")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["center", "code"], name="course_code_per_center")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Enrollment(TimeStampedModel):
    """A place in a course, for a volunteer or for anyone else (a student, a staff member, a
    member of the public). Attendance is read from check-ins at the course's sessions."""

    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("Enrolled")
        COMPLETED = "completed", _("Completed")

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="enrollments")
    volunteer = models.ForeignKey(
        "volunteers.Volunteer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enrollments",
    )
    # For someone who is not a volunteer (a volunteer's come from their record).
    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ENROLLED)
    score = models.PositiveSmallIntegerField(_("assessment score"), null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    certificate_token = models.CharField(max_length=43, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["course", "volunteer"],
                condition=models.Q(volunteer__isnull=False),
                name="one_enrollment_per_course",
            ),
            models.UniqueConstraint(
                fields=["course", "email"],
                condition=~models.Q(email=""),
                name="one_enrollment_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} in {self.course_id}"

    @property
    def display_name(self) -> str:
        return self.volunteer.full_name if self.volunteer else self.name

    @property
    def masked_name(self) -> str:
        if self.volunteer:
            return self.volunteer.masked_name
        given, _sep, family = self.name.partition(" ")
        return f"{given} {family[:1]}." if family else given
