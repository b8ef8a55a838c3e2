"""persons.search: IDs, phones and codes exactly; names by fragment, in any order, by sound.
The same function runs on PostgreSQL (pg_trgm) and SQLite (FTS5 trigram)."""

from __future__ import annotations

import pytest
from django.db import connection

from onestop.persons.models import Person
from onestop.persons.search import Tier, classify, search
from tests.conftest import World
from tests.persons.conftest import THAI_ID, make_person


@pytest.fixture
def registry(world: World, person: Person) -> dict[str, Person]:
    return {
        "somying": person,
        "somchai": make_person(
            world, given_name="สมชาย", family_name="รักษ์ไทย", nickname="ต้น", phones=["+66891112222"]
        ),
        "sriwan": make_person(world, given_name="ศรีวรรณ", family_name="ใจดีมาก"),
        "kanokporn": make_person(world, given_name="กนกพร", family_name="ลักษณ์สุข"),
        "other_center": make_person(
            world, center=world.center_b, given_name="สมหญิง", family_name="ใจดี"
        ),
    }


def _names(qs_result) -> list[str]:  # type: ignore[no-untyped-def]
    return [h.person.full_name for h in qs_result.hits]


def _search(q: str):  # type: ignore[no-untyped-def]
    from onestop.centers.models import Center

    return search(Person.objects.filter(center=Center.objects.get(code="TU"), is_active=True), q)


@pytest.mark.parametrize("fragment", ["สมหญิ", "ใจด", "หญิง ใจ"])
def test_a_thai_fragment_without_spaces_finds_the_person(
    registry: dict[str, Person], fragment: str
) -> None:
    assert "สมหญิง ใจดี" in _names(_search(fragment))


def test_a_full_name_in_any_order(registry: dict[str, Person]) -> None:
    result = _search("ใจดี สมหญิง")
    assert result.hits[0].person == registry["somying"]
    assert result.hits[0].tier == Tier.EXACT_NAME


def test_a_nickname(registry: dict[str, Person]) -> None:
    assert _names(_search("ต้น"))[0] == "สมชาย รักษ์ไทย"


@pytest.mark.parametrize("query", [THAI_ID, "1-1037-02071-83-8", "๑๑๐๓๗๐๒๐๗๑๘๓๘"])
def test_an_id_with_or_without_dashes_or_in_thai_digits(
    registry: dict[str, Person], query: str
) -> None:
    result = _search(query)
    assert result.kind == "id" and [h.person for h in result.hits] == [registry["somying"]]


@pytest.mark.parametrize("query", ["081 234 5678", "0812345678", "+66812345678"])
def test_a_phone(registry: dict[str, Person], query: str) -> None:
    result = _search(query)
    assert result.kind == "phone" and result.hits[0].person == registry["somying"]


def test_a_person_code(registry: dict[str, Person]) -> None:
    code = registry["sriwan"].code
    for q in (code, code.lower(), code.replace("-", "")):
        assert [h.person for h in _search(q).hits] == [registry["sriwan"]]


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("สมหยิง", "somying"),  # ญ/ย
        ("สีวรรณ", "sriwan"),  # ศ/ส (and the silent ร)
        ("กนกพล", "kanokporn"),  # ร/ล
        ("สมชัย", "somchai"),  # a changed vowel
        ("รักไทย", "somchai"),  # การันต์ dropped
    ],
)
def test_sound_alike_spellings(registry: dict[str, Person], query: str, key: str) -> None:
    assert registry[key] in [h.person for h in _search(query).hits]


def test_exact_matches_rank_before_fragments_and_sounds(
    world: World, registry: dict[str, Person]
) -> None:
    make_person(world, given_name="สมหญิงใหญ่", family_name="ทองดี")
    hits = _search("สมหญิง").hits
    assert hits[0].person == registry["somying"]
    assert [h.tier for h in hits] == sorted(h.tier for h in hits)


def test_results_stay_in_the_center(registry: dict[str, Person]) -> None:
    assert registry["other_center"] not in [h.person for h in _search("สมหญิง").hits]


def test_merged_persons_are_not_found(registry: dict[str, Person]) -> None:
    Person.objects.filter(pk=registry["sriwan"].pk).update(is_active=False)
    assert registry["sriwan"] not in [h.person for h in _search("ศรีวรรณ").hits]


def test_many_matches_say_more_instead_of_counting(world: World) -> None:
    from onestop.persons import services

    for i in range(60):
        make_person(world, given_name=f"สมศรี{i:02d}", family_name="มากมาย", reason="")
    result = search(Person.objects.filter(center=world.center_a), "สมศรี", limit=50)
    assert len(result.hits) == 50 and result.more
    assert services  # the registry grew through the service, keys included


def test_classify() -> None:
    assert classify("") == ("empty", "")
    assert classify("12345")[0] == "digits"
    assert classify("สมชาย")[0] == "name"


def test_the_trigram_index_is_there(db: None) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT show_trgm('ก่อน')")
            assert cursor.fetchone()[0] != []  # LC_CTYPE is not C (stack-notes)
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'persons_person_search_trgm'"
            )
            assert "gin_trgm_ops" in cursor.fetchone()[0]
        else:
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'persons_person_fts'")
            assert "trigram" in cursor.fetchone()[0]


def test_a_migration_that_rebuilds_the_table_does_not_lose_the_sqlite_index(
    registry: dict[str, Person],
) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's FTS5 triggers only")
    from onestop.persons.apps import ensure_sqlite_search_index

    with connection.cursor() as cursor:  # what a table rebuild does to them
        for name in ("ai", "ad", "au"):
            cursor.execute(f"DROP TRIGGER persons_person_fts_{name}")
        cursor.execute("DELETE FROM persons_person_fts")
    ensure_sqlite_search_index()
    assert registry["sriwan"] in [h.person for h in _search("ศรีวร").hits]
