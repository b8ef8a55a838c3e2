"""Staff fetch events of their own center only (404 for another center's)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from onestop.accounts.models import User
from onestop.events.models import Course, Event


def events_for_user(user: User) -> QuerySet[Event]:
    if not user.can("can_manage_events"):
        raise PermissionDenied
    if user.is_system_admin:
        return Event.objects.all()
    if user.center_id is None:
        return Event.objects.none()
    return Event.objects.filter(center_id=user.center_id)


def get_event_for_user(user: User, pk: int) -> Event:
    event = events_for_user(user).filter(pk=pk).first()
    if event is None:
        raise Http404
    return event


def courses_for_user(user: User) -> QuerySet[Course]:
    if not user.can("can_manage_events"):
        raise PermissionDenied
    if user.is_system_admin:
        return Course.objects.all()
    if user.center_id is None:
        return Course.objects.none()
    return Course.objects.filter(center_id=user.center_id)


def get_course_for_user(user: User, pk: int) -> Course:
    course = courses_for_user(user).filter(pk=pk).first()
    if course is None:
        raise Http404
    return course
