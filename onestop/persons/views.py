"""Staff pages of the persons registry: search, search-before-create, the person page with its
documents, phones, households and relationships, the duplicate queue and the merge screen."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from onestop.accounts.decorators import capability_required, request_user
from onestop.core.errors import StaleEdit
from onestop.core.forms import add_errors
from onestop.geo.forms import AddressForm
from onestop.persons import access, services
from onestop.persons.forms import (
    DocumentForm,
    EndMembershipForm,
    MembershipForm,
    NewPersonForm,
    PersonForm,
    PhoneForm,
    RelationshipForm,
    SearchForm,
    SensitiveForm,
)
from onestop.persons.merge import merge_rows
from onestop.persons.models import DuplicateCandidate, Person, PersonMerge
from onestop.persons.search import reason_label, search

SEARCH = "can_search_persons"


def _hits(request: HttpRequest, query: str) -> dict[str, Any]:
    user = request_user(request)
    result = search(access.persons_for_user(user), query)
    return {
        "query": query,
        "result": result,
        "rows": [(h, reason_label(h)) for h in result.hits],
    }


@capability_required(SEARCH)
@require_GET
def person_list(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    context = {"form": form, **_hits(request, query)}
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "persons/person_list.html#results", context)
    return render(request, "persons/person_list.html", context)


def _addresses(
    request: HttpRequest, person: Person | None = None
) -> tuple[AddressForm, AddressForm]:
    data = request.POST if request.method == "POST" else None
    reg_kwargs: dict[str, Any] = {"prefix": "registered"}
    cur_kwargs: dict[str, Any] = {"prefix": "current"}
    if person is not None:
        if person.registered_subdistrict is not None:
            reg_kwargs["subdistrict"] = person.registered_subdistrict
        if person.current_subdistrict is not None:
            cur_kwargs["subdistrict"] = person.current_subdistrict
        reg_kwargs["initial"] = {**reg_kwargs.get("initial", {}), "line": person.registered_address}
        cur_kwargs["initial"] = {**cur_kwargs.get("initial", {}), "line": person.current_address}
    return AddressForm(data, **reg_kwargs), AddressForm(data, **cur_kwargs)


@capability_required(SEARCH)
@require_http_methods(["GET", "POST"])
def person_new(request: HttpRequest) -> HttpResponse:
    """Search first: the page shows matches for the name typed so far; creating a likely
    duplicate needs a reason."""
    user = request_user(request)
    if user.center is None:
        messages.error(request, _("Your account has no center, so it cannot register persons."))
        return redirect("persons:person_list")
    initial = {"given_name": request.GET.get("q", "")} if request.method == "GET" else None
    form = NewPersonForm(request.POST or None, initial=initial)
    registered, current = _addresses(request)
    duplicates: list[Any] = []
    if (
        request.method == "POST"
        and "refresh" not in request.POST
        # Every form validated (no short-circuit), so each shows its own errors.
        and all([form.is_valid(), registered.is_valid(), current.is_valid()])
    ):
        try:
            person = services.person_create(
                actor=user,
                center=user.center,
                data=form.new_person(registered.cleaned_data, current.cleaned_data),
                duplicate_reason=form.cleaned_data["duplicate_reason"],
            )
        except services.PossibleDuplicates as exc:
            duplicates = exc.candidates
            form.add_error(
                "duplicate_reason",
                _(
                    "This looks like someone already registered. Open their record, or give a reason to create a new one."
                ),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Person registered: %(code)s") % {"code": person.code})
            return redirect("persons:person_detail", code=person.code)
    name = " ".join(
        (request.POST.get(k) or "").strip() for k in ("given_name", "family_name")
    ).strip() or request.GET.get("q", "")
    context = {
        "form": form,
        "registered": registered,
        "current": current,
        "duplicates": duplicates,
        **_hits(request, name),
    }
    return render(request, "persons/person_new.html", context)


@capability_required(SEARCH)
@require_GET
def person_matches(request: HttpRequest) -> HttpResponse:
    """The htmx panel on the new-person page: matches for the name, ID and phone typed so far."""
    parts = [request.GET.get(k, "").strip() for k in ("national_id", "phone")]
    name = " ".join(request.GET.get(k, "").strip() for k in ("given_name", "family_name")).strip()
    query = next((p for p in parts if p), "") or name
    return render(request, "persons/person_new.html#matches", _hits(request, query))


@capability_required(SEARCH)
@require_GET
def person_detail(request: HttpRequest, code: str) -> HttpResponse:
    user = request_user(request)
    person = access.get_person_for_user(user, code)
    sensitive = None
    show_sensitive = request.GET.get("sensitive") == "1" and user.can("can_view_sensitive")
    if show_sensitive:
        sensitive = access.get_sensitive_for_user(user, person)
    memberships = list(person.memberships.select_related("household"))
    merges = list(
        PersonMerge.objects.filter(survivor=person, undone_at__isnull=True).select_related("merged")
    )
    context = {
        "person": person,
        "age": person.age_on(timezone.localdate()),
        "documents": person.documents.all(),
        "phones": person.phones.all(),
        "memberships": memberships,
        "relationships": _relationships(person),
        "show_sensitive": show_sensitive,
        "sensitive": sensitive,
        "document_form": DocumentForm(),
        "phone_form": PhoneForm(),
        "relationship_form": RelationshipForm(),
        "membership_form": MembershipForm(
            households=_household_choices(user, exclude={m.household_id for m in memberships})
        ),
        "duplicates": DuplicateCandidate.objects.filter(
            Q(person_a=person) | Q(person_b=person),
            state=DuplicateCandidate.State.OPEN,
            person_a__is_active=True,
            person_b__is_active=True,
        ).select_related("person_a", "person_b"),
        "merges": merges,
        # A merge moves the history too: the survivor's page shows the merged records' entries.
        "merged_ids": [m.merged_id for m in merges],
    }
    return render(request, "persons/person_detail.html", context)


def _relationships(person: Person) -> list[tuple[Any, str, Person]]:
    out = []
    links = list(person.relationships_from.select_related("to_person")) + list(
        person.relationships_to.select_related("from_person")
    )
    for link in links:
        label, _other_id = link.label_from(person.pk)
        other = link.to_person if link.from_person_id == person.pk else link.from_person
        out.append((link, label, other))
    return out


def _household_choices(user: Any, exclude: set[int] | None = None) -> list[tuple[int, str]]:
    qs = access.households_for_user(user).exclude(pk__in=exclude or set()).order_by("name")
    return list(qs.values_list("pk", "name")[:200])


@capability_required(SEARCH)
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, code: str) -> HttpResponse:
    user = request_user(request)
    person = access.get_person_for_user(user, code)
    if not person.is_active:
        return redirect("persons:person_detail", code=person.code)
    form = PersonForm(request.POST or None, initial=PersonForm.initial_for(person))
    registered, current = _addresses(request, person)
    if (
        request.method == "POST"
        and "refresh" not in request.POST
        # Every form validated (no short-circuit), so each shows its own errors.
        and all([form.is_valid(), registered.is_valid(), current.is_valid()])
    ):
        try:
            services.person_update(
                actor=user,
                person=person,
                expected_version=form.cleaned_data["version"],
                fields=form.person_fields(registered.cleaned_data, current.cleaned_data),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        except StaleEdit:
            form.add_error(None, str(StaleEdit.message))
        except services.PersonError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Saved."))
            return redirect("persons:person_detail", code=person.code)
    context = {"person": person, "form": form, "registered": registered, "current": current}
    return render(request, "persons/person_edit.html", context)


def _child_post(
    request: HttpRequest, code: str, form_class: Any, save: Any, **form_kwargs: Any
) -> HttpResponse:
    """Shared shape of the small add forms on the person page: validate, call the service,
    come back to the page with a message or the errors."""
    user = request_user(request)
    person = access.get_person_for_user(user, code, audit=False)
    if not person.is_active:
        return redirect("persons:person_detail", code=person.code)
    form = form_class(request.POST, **form_kwargs)
    if form.is_valid():
        try:
            save(user, person, form)
        except ValidationError as exc:
            add_errors(form, exc)
        except services.PersonError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Saved."))
            return redirect("persons:person_detail", code=person.code)
    return render(request, "persons/child_form.html", {"person": person, "form": form}, status=400)


@capability_required(SEARCH)
@require_POST
def document_add(request: HttpRequest, code: str) -> HttpResponse:
    return _child_post(
        request,
        code,
        DocumentForm,
        lambda user, person, form: services.document_add(
            actor=user, person=person, data=form.data_object()
        ),
    )


@capability_required(SEARCH)
@require_POST
def phone_add(request: HttpRequest, code: str) -> HttpResponse:
    return _child_post(
        request,
        code,
        PhoneForm,
        lambda user, person, form: services.phone_add(
            actor=user, person=person, data=form.data_object()
        ),
    )


def _relationship_save(user: Any, person: Person, form: RelationshipForm) -> None:
    other = (
        access.persons_for_user(user)
        .filter(code=form.cleaned_data["other"].strip().upper())
        .first()
    )
    if other is None:
        raise ValidationError({"other": [_("No person with this code in your center.")]})
    services.relationship_add(
        actor=user,
        from_person=person,
        to_person=other,
        kind=form.cleaned_data["kind"],
        note=form.cleaned_data["note"],
    )


@capability_required(SEARCH)
@require_POST
def relationship_add(request: HttpRequest, code: str) -> HttpResponse:
    return _child_post(request, code, RelationshipForm, _relationship_save)


def _membership_save(user: Any, person: Person, form: MembershipForm) -> None:
    d = form.cleaned_data
    with transaction.atomic():
        if d["household"]:
            household = access.get_household_for_user(user, d["household"])
        else:
            household = services.household_create(
                actor=user, center=person.center, name=d["new_household"]
            )
        services.membership_add(
            actor=user, household=household, person=person, role=d["role"], start=d["start"]
        )


@capability_required(SEARCH)
@require_POST
def membership_add(request: HttpRequest, code: str) -> HttpResponse:
    user = request_user(request)
    return _child_post(
        request,
        code,
        MembershipForm,
        _membership_save,
        households=_household_choices(user),
    )


@capability_required(SEARCH)
@require_POST
def membership_end(request: HttpRequest, code: str, membership_id: int) -> HttpResponse:
    user = request_user(request)
    person = access.get_person_for_user(user, code, audit=False)
    membership = person.memberships.filter(pk=membership_id).first()
    if membership is None:
        raise Http404
    form = EndMembershipForm(request.POST)
    if form.is_valid():
        try:
            services.membership_end(actor=user, membership=membership, end=form.cleaned_data["end"])
        except services.PersonError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Saved."))
            return redirect("persons:person_detail", code=person.code)
    return render(request, "persons/child_form.html", {"person": person, "form": form}, status=400)


@capability_required(SEARCH)
@require_POST
def phone_remove(request: HttpRequest, code: str, phone_id: int) -> HttpResponse:
    user = request_user(request)
    person = access.get_person_for_user(user, code, audit=False)
    services.phone_remove(actor=user, phone=access.get_phone_for_user(user, person, phone_id))
    messages.success(request, _("Phone removed."))
    return redirect("persons:person_detail", code=person.code)


@capability_required(SEARCH)
@require_POST
def document_remove(request: HttpRequest, code: str, document_id: int) -> HttpResponse:
    user = request_user(request)
    person = access.get_person_for_user(user, code, audit=False)
    services.document_remove(
        actor=user, document=access.get_document_for_user(user, person, document_id)
    )
    messages.success(request, _("Document removed."))
    return redirect("persons:person_detail", code=person.code)


@capability_required(SEARCH)
@require_POST
def relationship_remove(request: HttpRequest, code: str, link_id: int) -> HttpResponse:
    user = request_user(request)
    person = access.get_person_for_user(user, code, audit=False)
    services.relationship_remove(
        actor=user, link=access.get_relationship_for_user(user, person, link_id)
    )
    messages.success(request, _("Relationship removed."))
    return redirect("persons:person_detail", code=person.code)


@capability_required("can_view_sensitive")
@require_http_methods(["GET", "POST"])
def sensitive_edit(request: HttpRequest, code: str) -> HttpResponse:
    user = request_user(request)
    person = access.get_person_for_user(user, code)
    record = access.get_sensitive_for_user(user, person)
    initial = (
        {k: getattr(record, k) for k in services.SENSITIVE_FIELDS} if record is not None else {}
    )
    form = SensitiveForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.sensitive_update(actor=user, person=person, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect(f"{person_url(person)}?sensitive=1")
    return render(request, "persons/sensitive_edit.html", {"person": person, "form": form})


def person_url(person: Person) -> str:
    from django.urls import reverse

    return reverse("persons:person_detail", kwargs={"code": person.code})


# --- duplicates and merge -----------------------------------------------------------------
@capability_required("can_merge_persons")
@require_GET
def duplicate_queue(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    rows = access.duplicates_for_user(user).filter(
        state=DuplicateCandidate.State.OPEN, person_a__is_active=True, person_b__is_active=True
    )[:100]
    merges = PersonMerge.objects.filter(undone_at__isnull=True).select_related(
        "survivor", "merged", "performed_by"
    )
    if not user.is_system_admin:
        merges = merges.filter(center_id=user.center_id or 0)
    return render(
        request,
        "persons/duplicate_queue.html",
        {"rows": rows, "merges": merges[:20], "now": timezone.now()},
    )


@capability_required("can_merge_persons")
@require_http_methods(["GET", "POST"])
def merge(request: HttpRequest, a: str, b: str) -> HttpResponse:
    """Field by field: the supervisor picks the record that stays and, per differing field,
    whose value to keep."""
    user = request_user(request)
    left = access.get_person_for_user(user, a)
    right = access.get_person_for_user(user, b)
    errors: list[str] = []
    if request.method == "POST":
        survivor, merged = (left, right) if request.POST.get("survivor") != b else (right, left)
        take = [
            name
            for name in services.MERGE_FIELDS
            if request.POST.get(f"take_{name}") == merged.code
        ]
        try:
            merge_record = services.persons_merge(
                actor=user, survivor=survivor, merged=merged, take=take
            )
        except services.PersonError as exc:
            errors.append(str(exc))
        else:
            messages.success(
                request,
                _("%(merged)s was merged into %(survivor)s. You can undo this for 30 days.")
                % {"merged": merged.code, "survivor": survivor.code},
            )
            return redirect(f"{person_url(merge_record.survivor)}")
    context = {
        "left": left,
        "right": right,
        "rows": merge_rows(left, right),
        "errors": errors,
        "candidate": DuplicateCandidate.objects.filter(
            person_a_id=min(left.pk, right.pk), person_b_id=max(left.pk, right.pk)
        ).first(),
    }
    return render(request, "persons/merge.html", context, status=400 if errors else 200)


@capability_required("can_merge_persons")
@require_POST
def duplicate_distinct(request: HttpRequest, candidate_id: int) -> HttpResponse:
    user = request_user(request)
    candidate = access.get_candidate_for_user(user, candidate_id)
    services.duplicate_decide(actor=user, candidate=candidate, distinct=True)
    messages.success(request, _("Marked as two different persons."))
    return redirect("persons:duplicate_queue")


@capability_required("can_merge_persons")
@require_POST
def merge_undo(request: HttpRequest, merge_id: int) -> HttpResponse:
    user = request_user(request)
    record = access.get_merge_for_user(user, merge_id)
    try:
        services.merge_undo(actor=user, merge=record)
    except services.PersonError as exc:
        messages.error(request, str(exc))
        return redirect("persons:duplicate_queue")
    messages.success(request, _("The merge was undone."))
    return redirect(person_url(record.merged))
