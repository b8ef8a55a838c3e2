"""A case's timeline: requests, status changes, notes, tasks, approvals, attachments and legal
decisions merged into one list. One query per source, so the page's query count does not grow
with the case."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from onestop.cases.models import Case, CaseEvent, CaseStatus, Note, Task
from onestop.cases.services import CaseFacts
from onestop.thai.dates import format_date

# The page shows the latest entries of each kind; a long case links to its PDF for the rest.
PER_SOURCE = 200


@dataclass(frozen=True)
class Entry:
    at: dt.datetime
    kind: str  # request, event, note, task, approval, attachment, legal
    title: str
    detail: str = ""
    actor: str = ""
    confidential: bool = False
    link: str = ""


def _name(user: object | None) -> str:
    return str(getattr(user, "display_name", "")) if user is not None else ""


def build(case: Case, notes: list[Note], facts: CaseFacts | None = None) -> list[Entry]:
    """``notes`` come from access.notes_for, already filtered and audited for this reader;
    ``facts`` are the case's other records, already loaded for the page."""
    facts = facts or CaseFacts.load(case)
    entries: list[Entry] = []
    for hr in case.requests.all()[:PER_SOURCE]:
        entries.append(
            Entry(
                hr.received_at,
                "request",
                _("Request %(ref)s received") % {"ref": hr.reference},
                hr.get_channel_display(),
                link=f"/intake/requests/{hr.pk}/",
            )
        )
    for ev in case.events.select_related("actor", "worker").order_by("-at")[:PER_SOURCE]:
        if ev.kind == CaseEvent.Kind.ASSIGNED:
            title = _("Assigned to %(worker)s") % {"worker": _name(ev.worker)}
        elif ev.kind in (CaseEvent.Kind.STATUS, CaseEvent.Kind.REOPENED):
            title = "{}: {} → {}".format(
                ev.get_kind_display(),
                CaseStatus(ev.from_status).label if ev.from_status else "",
                CaseStatus(ev.to_status).label if ev.to_status else "",
            )
        else:
            title = str(ev.get_kind_display())
        entries.append(Entry(ev.at, "event", title, ev.reason, _name(ev.actor)))
    for note in notes[:PER_SOURCE]:
        entries.append(
            Entry(
                note.created,
                "note",
                str(note.get_kind_display()),
                note.text,
                _name(note.author),
                confidential=note.confidential,
            )
        )
    for task in sorted(facts.tasks, key=lambda t: t.created, reverse=True)[:PER_SOURCE]:
        label = _("%(kind)s due %(due)s: %(title)s")
        entries.append(
            Entry(
                task.created,
                "task",
                label
                % {
                    "kind": task.get_kind_display(),
                    "due": format_date(task.due),
                    "title": task.title,
                },
                actor=_name(task.owner),
            )
        )
        if task.status == Task.Status.DONE and task.done_at:
            entries.append(
                Entry(
                    task.done_at,
                    "task",
                    _("Done: %(title)s") % {"title": task.title},
                    actor=_name(task.owner),
                )
            )
    for ap in facts.approvals[:PER_SOURCE]:
        entries.append(
            Entry(
                ap.requested_at,
                "approval",
                _("%(subject)s sent for approval") % {"subject": ap.get_subject_display()},
                ap.comment,
                _name(ap.requested_by),
            )
        )
        if ap.decided_at:
            entries.append(
                Entry(
                    ap.decided_at,
                    "approval",
                    f"{ap.get_subject_display()}: {ap.get_decision_display()}",
                    ap.decision_comment,
                    _name(ap.decided_by),
                )
            )
    for att in facts.attachments[:PER_SOURCE]:
        entries.append(
            Entry(
                att.created,
                "attachment",
                f"{att.get_kind_display()}: {att.original_name}",
                att.description,
                _name(att.uploaded_by),
                link=f"/cases/{case.number}/attachments/{att.pk}/",
            )
        )
    for duty in facts.legal_duties[:PER_SOURCE]:
        entries.append(
            Entry(
                duty.decided_at,
                "legal",
                f"{duty.get_duty_display()}: {duty.get_decision_display()}",
                duty.detail,
                _name(duty.decided_by),
            )
        )
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries
