"""Coding frames: bulk coding from the admin, counts by code × place × theme in constant queries,
suggestions shown with their words and applied only when a person accepts, the acceptance share."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from surveys.analysis import frame
from surveys.analysis.models import Code, Coding, Suggestion
from surveys.analysis.suggestions import make_suggestions
from surveys.models import Comment
from tests.site_home.factories import ThemeFactory, make_place
from tests.surveys.survey_factories import TEXT, answer, make_survey, make_survey_index

CODER_PERMS = ["wagtailadmin.access_admin", "surveys.code_responses"]

PARK_WORDS = [
    "The park needs better lighting on the paths at night",
    "More benches and lighting in the park please",
    "Park paths flood every winter and the lighting is broken",
]
BUS_WORDS = [
    "The bus to town is too infrequent in the evening",
    "Buses stop running before the late shift ends",
]


@pytest.fixture
def coder(make_user):
    return make_user("coder", *CODER_PERMS)


def comment(page, body, place=None, theme=None, state=Comment.State.PUBLISHED, **kwargs):
    return Comment.objects.create(
        page=page, body=body, display_name="Resident", place=place, theme=theme, state=state, **kwargs
    )


@pytest.fixture
def responses(discussion, place):
    theme = ThemeFactory(name="Green space")
    return [comment(discussion, text, place=place, theme=theme) for text in PARK_WORDS + BUS_WORDS]


@pytest.fixture
def codes(discussion):
    return {
        "park": Code.objects.create(page=discussion, label="Parks", description="park paths lighting"),
        "bus": Code.objects.create(page=discussion, label="Buses", description="bus services evenings"),
    }


def coding_url(page):
    return reverse("surveys_coding", args=[page.pk])


def test_an_analyst_codes_several_responses_at_once(client, coder, discussion, responses, codes):
    client.force_login(coder)
    chosen = [f"c{c.pk}" for c in responses[:3]]
    response = client.post(
        coding_url(discussion), {"apply": "1", "code": codes["park"].pk, "responses": chosen}, follow=True
    )
    assert response.status_code == 200
    assert set(Coding.objects.filter(code=codes["park"]).values_list("comment_id", flat=True)) == {
        c.pk for c in responses[:3]
    }
    coding = Coding.objects.filter(code=codes["park"]).first()
    assert coding.place_id == responses[0].place_id and coding.theme_id == responses[0].theme_id
    assert coding.coded_by == coder
    # Applying again changes nothing; a response of another frame is ignored.
    other = comment(make_survey_index_page(discussion), "Elsewhere")
    client.post(
        coding_url(discussion),
        {"apply": "1", "code": codes["park"].pk, "responses": [*chosen, f"c{other.pk}"]},
    )
    assert Coding.objects.filter(code=codes["park"]).count() == 3


def make_survey_index_page(discussion):
    return make_survey_index(discussion.get_parent().specific)


def test_applying_without_a_selection_says_what_to_fix(client, coder, discussion, responses, codes):
    client.force_login(coder)
    response = client.post(coding_url(discussion), {"apply": "1", "code": codes["park"].pk})
    assert response.status_code == 200
    assert "Select at least one response." in response.content.decode()
    assert not Coding.objects.exists()


def test_coding_needs_the_permission(client, make_user, discussion, responses):
    client.force_login(make_user("moderator-only", "wagtailadmin.access_admin", "surveys.moderate_comment"))
    response = client.get(coding_url(discussion))
    assert (response.status_code, response.url) == (302, "/admin/")  # Wagtail's "permission denied"


def test_free_text_survey_answers_are_coded_with_their_question_theme(client, coder, home_page, place):
    theme = ThemeFactory(name="Safety")
    survey = make_survey(make_survey_index(home_page), fields=[{**TEXT, "theme": theme}])
    submission = answer(survey, place=place, anything_else="The underpass feels unsafe after dark")
    answer(survey, anything_else="")  # no answer: nothing to code
    code = Code.objects.create(page=survey, label="Feeling unsafe")
    [response] = frame.frame_responses(survey)
    assert response.key == f"s{submission.pk}:anything_else"
    client.force_login(coder)
    client.post(coding_url(survey), {"apply": "1", "code": code.pk, "responses": [response.key]})
    coding = Coding.objects.get(code=code)
    assert (coding.submission_id, coding.question_key) == (submission.pk, "anything_else")
    assert (coding.place_id, coding.theme_id) == (place.pk, theme.pk)


def test_counts_by_code_place_and_theme_in_constant_queries(
    client, coder, discussion, place_index, codes, django_assert_max_num_queries
):
    client.force_login(coder)
    url = reverse("surveys_coding_counts", args=[discussion.pk])

    def add(n):
        places = [make_place(place_index, title=f"Area {len(Comment.objects.all())}-{i}") for i in range(2)]
        for i in range(n):
            c = comment(discussion, f"Lighting {i}", place=places[i % 2])
            frame.apply_code(codes["park" if i % 3 else "bus"], [f"c{c.pk}"], coder)

    add(3)
    client.get(url)  # warm the session and the admin's own lookups
    with django_assert_max_num_queries(20) as small:
        client.get(url)
    add(12)
    with django_assert_max_num_queries(len(small)):
        response = client.get(url)
    rows = frame.counts(discussion)
    assert sum(row["total"] for row in rows) == 15
    assert {row["code__label"] for row in rows} == {"Parks", "Buses"}
    assert "Area" in response.content.decode()


def test_the_coding_screen_reads_in_constant_queries(
    client, coder, discussion, place, codes, django_assert_max_num_queries
):
    client.force_login(coder)
    for text in PARK_WORDS:
        comment(discussion, text, place=place)
    make_suggestions(discussion)
    client.get(coding_url(discussion))
    with django_assert_max_num_queries(30) as few:
        client.get(coding_url(discussion))
    for n in range(20):
        c = comment(discussion, f"{PARK_WORDS[n % 3]} {n}", place=place)
        frame.apply_code(codes["park"], [f"c{c.pk}"], coder)
    make_suggestions(discussion)
    with django_assert_max_num_queries(len(few)):
        client.get(coding_url(discussion))


def test_suggestions_show_their_words_and_code_only_when_accepted(
    client, coder, discussion, responses, codes
):
    made = make_suggestions(discussion)
    assert made >= len(responses)
    assert not Coding.objects.exists(), "a suggestion codes nothing by itself"
    park = Suggestion.objects.get(comment=responses[0], code=codes["park"])
    assert "lighting" in park.words and "park" in park.words
    assert not Suggestion.objects.filter(comment=responses[3], code=codes["park"]).exists()

    client.force_login(coder)
    page = client.get(coding_url(discussion)).content.decode()
    assert "because of:" in page and "lighting" in page

    client.post(coding_url(discussion), {"accept": park.pk})
    park.refresh_from_db()
    assert park.decision == Suggestion.Decision.ACCEPTED and park.decided_by == coder
    assert Coding.objects.filter(comment=responses[0], code=codes["park"]).exists()

    bus = Suggestion.objects.get(comment=responses[3], code=codes["bus"])
    client.post(coding_url(discussion), {"reject": bus.pk})
    bus.refresh_from_db()
    assert bus.decision == Suggestion.Decision.REJECTED
    assert not Coding.objects.filter(comment=responses[3]).exists()

    # Asked once: a rejected code is not suggested again for that response.
    make_suggestions(discussion)
    assert Suggestion.objects.filter(comment=responses[3], code=codes["bus"]).count() == 1
    result = frame.acceptance(discussion)
    assert (result["accepted"], result["rejected"], result["share"]) == (1, 1, 0.5)


def test_tagged_examples_teach_the_suggestions(discussion, coder):
    code = Code.objects.create(page=discussion, label="Food", description="")
    tagged = comment(discussion, "A community fridge and a weekly pantry would help families")
    frame.apply_code(code, [f"c{tagged.pk}"], coder)
    untagged = comment(discussion, "Open the pantry on Saturdays for families")
    unrelated = comment(discussion, "Fix the potholes on Main Street")
    make_suggestions(discussion)
    suggestion = Suggestion.objects.get(comment=untagged)
    assert suggestion.code == code and {"pantry", "families"} <= set(suggestion.words)
    assert not Suggestion.objects.filter(comment=unrelated).exists()


def test_the_command_reports_the_share_accepted(discussion, responses, codes, coder):
    out = io.StringIO()
    call_command("code_suggestions", "--make", stdout=out)
    assert "new suggestions" in out.getvalue()
    first, second = Suggestion.objects.all()[:2]
    frame.decide(first, True, coder)
    frame.decide(second, False, coder)
    out = io.StringIO()
    call_command("code_suggestions", stdout=out)
    assert "1 of 2 decided suggestions accepted (50%)" in out.getvalue()


def test_only_comments_can_be_quotes(client, coder, discussion, responses, codes, home_page):
    frame.apply_code(codes["park"], [f"c{responses[0].pk}"], coder)
    coding = Coding.objects.get()
    client.force_login(coder)
    client.post(coding_url(discussion), {"quote": coding.pk})
    coding.refresh_from_db()
    assert coding.is_quote
    survey = make_survey(make_survey_index(home_page), fields=[TEXT])
    submission = answer(survey, anything_else="Words from a survey")
    code = Code.objects.create(page=survey, label="Survey code")
    frame.apply_code(code, [f"s{submission.pk}:anything_else"], coder)
    assert frame.toggle_quote(Coding.objects.get(code=code)) is False


def test_starting_from_a_page_without_starter_codes_adds_none(discussion):
    assert frame.start_codes(discussion) == 0


def test_the_bulk_moderation_screen_applies_a_code_too(client, make_user, discussion, responses, codes):
    user = make_user("moderating-coder", *CODER_PERMS, "surveys.view_comment", "surveys.moderate_comment")
    client.force_login(user)
    url = f"{reverse('surveys_bulk_moderate')}?state=published&page__id__exact={discussion.pk}"
    assert "Apply code" in client.get(url).content.decode()
    chosen = [str(responses[3].pk), str(responses[4].pk)]
    response = client.post(url, {"apply_code": "1", "code": codes["bus"].pk, "comments": chosen})
    assert response.status_code == 302
    assert set(Coding.objects.filter(code=codes["bus"]).values_list("comment_id", flat=True)) == {
        responses[3].pk,
        responses[4].pk,
    }
    assert Comment.objects.get(pk=responses[3].pk).state == Comment.State.PUBLISHED  # no decision taken
