"""A mentee may ask for a mentor of a given gender, or one who speaks a given language, as a hard constraint;
coaches see it, the reasons say it, the mentor is not told (issue 17, "Choice and safety")."""

import pytest
from django.utils import translation

from interlab.core.errors import Conflict
from interlab.mentoring import services
from interlab.mentoring.models import Match, MentorApplication, MentorProfile, MentorWish
from interlab.mentoring.selectors import export_for_user, reasons_text
from tests.factories import UserFactory

from .factories import make_mentee, make_mentor, make_offer

pytestmark = pytest.mark.django_db


def _wish(mentee, by, **fields):
    return services.mentor_wish_set(mentee=mentee, by=by, **fields)


def test_a_mentee_who_asks_for_a_woman_is_only_proposed_a_woman(coach):
    fatou = make_mentee(first_name="Fatou")
    make_mentor(gender="man", expertise=("financing",))  # the closer expertise
    woman = make_mentor(gender="woman", expertise=("network",))
    _wish(fatou, coach, gender="woman")
    run = services.matching_run(by=coach)
    assert list(run.matches.values_list("mentor", flat=True)) == [woman.pk]


def test_a_mentor_who_did_not_say_their_gender_is_not_proposed_to_a_mentee_who_asked_for_one(coach):
    fatou = make_mentee()
    make_mentor(gender="")
    _wish(fatou, coach, gender="woman")
    assert services.matching_run(by=coach).matches.count() == 0


def test_a_mentee_who_asks_for_a_language_is_only_proposed_mentors_who_speak_it(coach):
    mentee = make_mentee(languages=("fr", "ar"))
    make_mentor(languages=("fr",), expertise=("financing",))
    arabic = make_mentor(languages=("fr", "ar"), expertise=("network",))
    _wish(mentee, coach, language="ar")
    run = services.matching_run(by=coach)
    assert list(run.matches.values_list("mentor", flat=True)) == [arabic.pk]


def test_the_next_proposal_after_a_decline_follows_the_wish_too(coach):
    mentee = make_mentee()
    first = make_mentor(gender="woman")
    make_mentor(gender="man")
    _wish(mentee, coach, gender="woman")
    _declined, following = services.match_decline(
        match=make_offer(mentee, first, coach), by=first.user, reason="no_time"
    )
    assert following is None


def test_the_coach_reads_the_wish_in_the_reasons_with_the_mentee_s_name(coach):
    fatou = make_mentee(first_name="Fatou")
    make_mentor(gender="woman")
    _wish(fatou, coach, gender="woman")
    proposal = services.matching_run(by=coach).matches.get()
    with translation.override("en"):
        assert reasons_text(proposal, audience="staff")[0] == "a woman mentor, as Fatou asked"


def test_the_mentee_reads_that_their_wish_was_applied(coach):
    mentee = make_mentee(languages=("fr", "ar"))
    make_mentor(languages=("fr", "ar"))
    _wish(mentee, coach, language="ar")
    proposal = services.matching_run(by=coach).matches.get()
    with translation.override("en"):
        assert "speaks Arabic, as you asked" in reasons_text(proposal, audience="mentee")


def test_the_mentor_is_not_told_what_the_mentee_asked_for(coach):
    mentee = make_mentee()
    make_mentor(gender="woman")
    _wish(mentee, coach, gender="woman")
    proposal = services.matching_run(by=coach).matches.get()
    with translation.override("en"):
        assert not any("asked" in text for text in reasons_text(proposal, audience="mentor"))


def test_the_mentee_states_the_wish_on_their_own_page(client, entrepreneur_user):
    mentee = make_mentee(user=entrepreneur_user)
    client.force_login(entrepreneur_user)
    response = client.post(f"/app/mentoring/mentees/{mentee.pk}/wishes/", {"mentor_gender": "woman"})
    assert response.status_code == 302
    assert MentorWish.objects.get(mentee=mentee).mentor_gender == "woman"


def test_the_mentee_s_page_explains_the_wish_in_plain_words(client, entrepreneur_user):
    make_mentee(user=entrepreneur_user)
    client.force_login(entrepreneur_user)
    page = client.get("/app/mentoring/mine/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "We then only propose mentors who fit what you asked." in page


def test_a_coach_sets_the_wish_on_the_mentee_s_behalf(client, coach):
    mentee = make_mentee()
    client.force_login(coach)
    client.post(f"/app/mentoring/mentees/{mentee.pk}/wishes/", {"mentor_gender": "", "mentor_language": "ar"})
    wish = MentorWish.objects.get(mentee=mentee)
    assert (wish.mentor_language, wish.updated_by) == ("ar", coach)


def test_taking_both_wishes_back_leaves_no_wish(coach):
    mentee = make_mentee()
    _wish(mentee, coach, gender="woman")
    _wish(mentee, coach, gender="", language="")
    assert not MentorWish.objects.filter(mentee=mentee).exists()


def test_a_person_cannot_set_another_mentee_s_wish(coach, entrepreneur_user):
    from interlab.core.errors import Forbidden

    other = make_mentee()
    with pytest.raises(Forbidden):
        _wish(other, entrepreneur_user, gender="woman")


def test_an_unknown_language_code_is_refused(coach):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        _wish(make_mentee(), coach, language="french")


def test_the_coach_sees_the_wish_next_to_the_proposal(client, coach):
    mentee = make_mentee(first_name="Fatou")
    make_mentor(gender="woman")
    _wish(mentee, coach, gender="woman")
    run = services.matching_run(by=coach)
    client.force_login(coach)
    page = client.get(f"/app/mentoring/runs/{run.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Asks for: a mentor who is a woman" in page


def test_a_new_wish_drops_the_proposals_that_no_longer_fit(coach):
    mentee = make_mentee()
    make_mentor(gender="man")
    services.matching_run(by=coach)
    _wish(mentee, coach, gender="woman")
    assert not Match.objects.filter(mentee=mentee).exists()


def test_publishing_a_proposal_the_mentor_s_new_answer_no_longer_fits_is_refused(coach):
    mentee = make_mentee()
    mentor = make_mentor(gender="woman")
    _wish(mentee, coach, gender="woman")
    proposal = services.matching_run(by=coach).matches.get()
    services.mentor_update(mentor=mentor, by=mentor.user, gender="")
    with pytest.raises(Conflict) as caught:
        services.match_publish(match=proposal, by=coach)
    assert caught.value.code == "wish"


def test_a_swap_that_breaks_a_wish_is_refused(coach):
    asks = make_mentee()
    other = make_mentee()
    woman, man = make_mentor(gender="woman"), make_mentor(gender="man")
    _wish(asks, coach, gender="woman")
    run = services.matching_run(by=coach)
    first, second = run.matches.get(mentee=asks), run.matches.get(mentee=other)
    assert (first.mentor, second.mentor) == (woman, man)
    with pytest.raises(Conflict):
        services.match_swap(match=first, other=second, by=coach)


def test_a_mentor_declares_their_gender_on_their_profile(client, mentor):
    profile = make_mentor(user=mentor)
    client.force_login(mentor)
    client.post(
        "/app/mentoring/profile/",
        {"languages": ["fr"], "capacity": 1, "hours_per_month": 4, "mode": "both", "gender": "woman"},
    )
    profile.refresh_from_db()
    assert profile.gender == "woman"


def test_an_applicant_s_gender_reaches_their_mentor_profile(client):
    client.post(
        "/app/mentoring/become-a-mentor/",
        {
            "first_name": "Nadia",
            "email": "nadia@example.org",
            "is_local": "newcomer",
            "languages": ["fr"],
            "capacity": 1,
            "hours_per_month": 4,
            "mode": "both",
            "gender": "woman",
        },
    )
    application = MentorApplication.objects.get()
    application.status = "approved"
    application.save()
    user = UserFactory(role="mentor")
    profile = services.mentor_application_joined(application_id=application.pk, user=user)
    assert MentorProfile.objects.get(pk=profile.pk).gender == "woman"


def test_the_wish_and_the_mentor_s_gender_are_in_each_person_s_export(coach, entrepreneur_user, mentor):
    mentee = make_mentee(user=entrepreneur_user)
    _wish(mentee, coach, gender="woman")
    make_mentor(user=mentor, gender="woman")
    assert export_for_user(entrepreneur_user)["mentor_wish"]["mentor_gender"] == "woman"
    assert export_for_user(mentor)["mentor_profile"]["gender"] == "woman"


def test_erasing_the_mentee_deletes_the_wish(coach):
    mentee = make_mentee()
    _wish(mentee, coach, language="ar")
    services.mentee_erase(entrepreneur=mentee)
    assert not MentorWish.objects.filter(mentee=mentee).exists()
