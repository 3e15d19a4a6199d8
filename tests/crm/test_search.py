"""Search as the coaches type: phone numbers however they are written, and project titles as well as names."""

import importlib

import pytest
from django.apps import apps

from interlab.crm import selectors, services
from interlab.crm.models import Entrepreneur, Project, phone_lookup
from tests.factories import EntrepreneurFactory, make_project

pytestmark = pytest.mark.django_db

migration = importlib.import_module("interlab.crm.migrations.0013_search_phone_and_titles")


@pytest.fixture
def yasmine():
    return EntrepreneurFactory(first_name="Yasmine", last_name="El Amrani", phone="+32 470 06 12 34")


def found(user, q):
    return {p.first_name for p in selectors.entrepreneur_list(user, q=q)}


def test_the_phone_is_kept_in_e164_on_save(yasmine):
    assert yasmine.phone_e164 == "+32470061234"
    yasmine.phone = "0032 (0)4 221 11 11"
    yasmine.save(update_fields=["phone"])
    assert Entrepreneur.objects.get(pk=yasmine.pk).phone_e164 == "+3242211111"


def test_a_phone_that_is_not_a_number_keeps_no_e164_copy():
    assert EntrepreneurFactory(phone="abc").phone_e164 == ""


@pytest.mark.parametrize("typed", ["0470 06 12 34", "0470/06.12.34", "+32470061234", "0032 470 06 12 34"])
def test_a_whole_number_finds_the_person_however_it_is_typed(coach, yasmine, typed):
    EntrepreneurFactory(first_name="Other", phone="0470 99 88 77")
    assert found(coach, typed) == {"Yasmine"}


@pytest.mark.parametrize("typed", ["0470 06", "0470/06.1", "0032 470 06", "+32 470 06", "70 06 12"])
def test_the_beginning_or_a_part_of_a_number_finds_it_as_people_type(coach, typed):
    EntrepreneurFactory(first_name="Yasmine", phone="+32470061234")
    EntrepreneurFactory(first_name="Other", phone="0470 99 88 77")
    assert found(coach, typed) == {"Yasmine"}


def test_a_beginning_with_the_national_zero_is_not_read_anywhere_in_the_number(coach, yasmine):
    # "0612" is not the start of a Belgian number held here, even though "0612" appears inside +32470061234.
    assert found(coach, "0612") == set()


def test_a_few_digits_are_not_a_phone_search():
    assert phone_lookup("470") is None
    assert phone_lookup("Amina") is None
    assert phone_lookup("0470 06 12 34") == ("exact", "+32470061234")


def test_the_title_of_a_project_finds_its_person_without_its_accents(coach, yasmine):
    make_project(entrepreneur=yasmine, coach=coach, title="Épicerie orientale")
    make_project(coach=coach, title="Atelier vélo")
    assert found(coach, "epicerie") == {"Yasmine"}
    assert found(coach, "yasmine orientale") == {"Yasmine"}  # one word in the name, one in the title
    assert found(coach, "yasmine velo") == set()


def test_an_edited_title_is_searched_under_its_new_words(coach, yasmine):
    project = make_project(entrepreneur=yasmine, coach=coach, title="Traiteur")
    services.project_update(project=project, by=coach, title="Boulangerie")
    assert found(coach, "boulangerie") == {"Yasmine"}
    assert found(coach, "traiteur") == set()


def test_the_board_finds_the_card_by_its_title_or_the_phone(coach, yasmine):
    make_project(entrepreneur=yasmine, coach=coach, title="Épicerie orientale")
    make_project(entrepreneur=yasmine, coach=coach, title="Couture")
    make_project(coach=coach, title="Atelier vélo")

    def titles(q):
        columns = selectors.board(coach, selectors.BoardFilters(q=q))
        return sorted(card.title for column in columns for card in column.cards)

    assert titles("epicerie") == ["Épicerie orientale"]
    assert titles("0470 06 12 34") == ["Couture", "Épicerie orientale"]


def test_the_list_page_and_the_api_find_the_typed_number(client, coach, yasmine):
    client.force_login(coach)
    page = client.get("/app/entrepreneurs/", {"q": "0470 06 12 34"})
    assert "Yasmine El Amrani" in page.content.decode()
    answer = client.get("/api/v1/entrepreneurs", {"q": "0470 06 12"}).json()
    assert [item["id"] for item in answer["items"]] == [yasmine.pk]


def test_an_erased_file_keeps_no_searchable_copy(coach, yasmine):
    project = make_project(entrepreneur=yasmine, coach=coach, title="Épicerie")
    services.entrepreneur_erase(entrepreneur=yasmine, by=coach)
    yasmine.refresh_from_db()
    project.refresh_from_db()
    assert (yasmine.phone_e164, project.search_text) == ("", "")


def test_the_migration_fills_both_copies_for_the_rows_already_there(coach, yasmine):
    project = make_project(entrepreneur=yasmine, coach=coach, title="Épicerie Orientale")
    Entrepreneur.objects.filter(pk=yasmine.pk).update(phone_e164="")
    Project.objects.filter(pk=project.pk).update(search_text="")
    migration.fill(apps, None)
    assert Entrepreneur.objects.get(pk=yasmine.pk).phone_e164 == "+32470061234"
    assert Project.objects.get(pk=project.pk).search_text == "epicerie orientale"


def test_the_api_searches_projects_by_title_and_phone(api, coach, yasmine):
    wanted = make_project(entrepreneur=yasmine, coach=coach, title="Épicerie orientale")
    make_project(coach=coach, title="Atelier vélo")
    for q in ("epicerie", "0470 06 12 34"):
        answer = api.get("/api/v1/projects", {"q": q}).json()
        assert [item["id"] for item in answer["items"]] == [wanted.pk], q
