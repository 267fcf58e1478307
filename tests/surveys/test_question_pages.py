"""Surveys asked one question per page: progress, back and change keeping answers, check your
answers, skip rules checked on the server, refused links, and the pages never cached."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from surveys.builder.results import survey_results
from surveys.models import AboutYouAnswer, SurveyDraft, SurveyPage, SurveySubmission
from tests.site_home.test_languages import translate
from tests.surveys.survey_factories import AGE, RATING, TEXT, make_survey, make_survey_index
from tests.surveys.test_survey_exports import export, staff

pytestmark = pytest.mark.django_db

USES = {"label": "Do you use the park", "field_type": "radio", "choices": "Yes\nNo"}
HOW_OFTEN = {
    "label": "How often do you visit",
    "field_type": "radio",
    "choices": "Every week\nEvery month",
    "show_if_question": "Do you use the park",
    "show_if_answer": "Yes",
}
GROUPED_TEXT = {**TEXT, "same_page_as_previous": True}


@pytest.fixture
def survey_index(home_page):
    return make_survey_index(home_page)


@pytest.fixture
def survey(survey_index):
    return make_survey(survey_index, fields=[USES, HOW_OFTEN, RATING, GROUPED_TEXT, AGE], question_pages=True)


@pytest.fixture
def n(survey):
    return {f.label: f.clean_name for f in survey.form_fields.all()}


def text(response):
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def follow_post(client, url, data):
    response = client.post(url, data)
    assert response.status_code == 302, text(response)[:2000]
    return response["Location"]


def answer_all(client, survey, n, uses="Yes"):
    """Answers every page in turn; returns the address of "Check your answers"."""
    url = follow_post(client, survey.url + "answer/", {n["Do you use the park"]: uses})
    if uses == "Yes":
        url = follow_post(client, url, {n["How often do you visit"]: "Every week"})
    url = follow_post(client, url, {n["How green is the park"]: "6", n["Anything else"]: "More benches"})
    return follow_post(client, url, {n["Age band"]: "65 and over"})


def test_the_start_page_links_to_the_first_question_and_stays_cacheable(client, survey):
    response = client.get(survey.url)
    assert "Start now" in text(response) and f'href="{survey.url}answer/"' in response.content.decode()
    assert "private" not in response["Cache-Control"]
    first = client.get(survey.url + "answer/")
    assert "Question 1 of 4" in text(first)  # the skipped question does not count until it applies
    assert '<h1 class="govuk-fieldset__heading">' in first.content.decode() or "<h1" in first.content.decode()
    assert "private" in first["Cache-Control"] and "no-store" in first["Cache-Control"]
    assert not SurveyDraft.objects.exists()  # nothing is stored before the first answer


def test_a_resident_answers_page_by_page_checks_and_sends(client, survey, n):
    url = follow_post(client, survey.url + "answer/", {n["Do you use the park"]: "Yes"})
    page = client.get(url)
    assert "Question 2 of 5" in text(page)  # the answer brought in the next question
    assert "private" in page["Cache-Control"] and "no-store" in page["Cache-Control"]
    url = follow_post(client, url, {n["How often do you visit"]: "Every week"})
    assert "Questions 3 to 4 of 5" in text(client.get(url))  # two questions on one page
    url = follow_post(client, url, {n["How green is the park"]: "6", n["Anything else"]: "More benches"})
    assert "Question 5 of 5" in text(client.get(url))
    check_url = follow_post(client, url, {n["Age band"]: "65 and over"})
    assert check_url.endswith("/check/")
    check = client.get(check_url)
    body = text(check)
    assert "Check your answers before sending them" in body
    assert "How often do you visit Every week" in body and "Anything else More benches" in body
    assert body.count("Change your answer to") == 5
    assert "no-store" in check["Cache-Control"]

    sent = client.post(check_url)
    assert "Thank you, we have your answers" in text(sent)
    assert "no-store" in sent["Cache-Control"]
    submission = SurveySubmission.objects.get()
    assert submission.form_data == {
        n["Do you use the park"]: "Yes",
        n["How often do you visit"]: "Every week",
        n["How green is the park"]: 6,
        n["Anything else"]: "More benches",
    }
    # The "about you" answer is kept apart from the others (surveys.equalities).
    assert [a.answer for a in AboutYouAnswer.objects.filter(about_you__submission=submission)] == [
        "65 and over"
    ]
    assert not SurveyDraft.objects.exists()  # the draft goes once the answers are sent
    assert client.get(check_url).status_code == 404  # and its link with it


def test_a_skipped_question_is_neither_asked_counted_nor_stored(client, survey, n):
    url = follow_post(client, survey.url + "answer/", {n["Do you use the park"]: "No"})
    assert url.endswith("/3/")
    assert "Questions 2 to 3 of 4" in text(client.get(url))
    check_url = answer_all(client, survey, n, uses="No")
    token = check_url.split("/answer/")[1].split("/")[0]
    assert client.get(f"{survey.url}answer/{token}/2/")["Location"] == check_url  # not a page for them
    assert "How often do you visit" not in text(client.get(check_url))
    client.post(check_url)
    assert n["How often do you visit"] not in SurveySubmission.objects.get().form_data


def test_back_and_change_keep_the_answers(client, survey, n):
    check_url = answer_all(client, survey, n)
    token = check_url.split("/answer/")[1].split("/")[0]
    page_two = client.get(f"{survey.url}answer/{token}/2/").content.decode()
    assert f'href="{survey.url}answer/{token}/1/" class="govuk-back-link"' in page_two
    page_one = client.get(f"{survey.url}answer/{token}/1/").content.decode()
    assert re.search(r'value="Yes"[^>]*checked', page_one)  # the answer is still there

    change_url = f"{survey.url}answer/{token}/1/change/"
    assert f'href="{change_url}"' in client.get(check_url).content.decode()
    assert f'href="{check_url}" class="govuk-back-link"' in client.get(change_url).content.decode()
    assert follow_post(client, change_url, {n["Do you use the park"]: "No"}) == check_url
    assert "How often do you visit" not in text(client.get(check_url))
    # Changing it back asks nothing again: the earlier answer was kept.
    assert follow_post(client, change_url, {n["Do you use the park"]: "Yes"}) == check_url
    assert "How often do you visit Every week" in text(client.get(check_url))


def test_a_change_that_brings_in_a_new_question_asks_it_before_checking(client, survey, n):
    check_url = answer_all(client, survey, n, uses="No")
    token = check_url.split("/answer/")[1].split("/")[0]
    next_url = follow_post(client, f"{survey.url}answer/{token}/1/change/", {n["Do you use the park"]: "Yes"})
    assert next_url == f"{survey.url}answer/{token}/2/change/"
    assert follow_post(client, next_url, {n["How often do you visit"]: "Every month"}) == check_url


def test_errors_are_shown_on_the_question_page_and_nothing_moves_on(client, survey, n):
    response = client.post(survey.url + "answer/", {})
    assert response.status_code == 200
    assert "There is a problem" in text(response)
    assert "Answer the question “Do you use the park”" in text(response)
    assert not SurveyDraft.objects.exists()


def test_an_altered_expired_or_used_link_is_refused_with_its_reason(client, survey, n):
    check_url = answer_all(client, survey, n)
    token = check_url.split("/answer/")[1].split("/")[0]
    altered = client.get(f"{survey.url}answer/{token[:-2]}xx/")
    assert altered.status_code == 400 and "This link does not work" in text(altered)
    assert "Part of the link is missing or has been changed" in text(altered)
    posted = client.post(f"{survey.url}answer/{token}x/1/", {n["Do you use the park"]: "No"})
    assert posted.status_code == 400
    assert SurveyDraft.objects.get().answers[n["Do you use the park"]] == "Yes"  # nothing changed

    SurveyDraft.objects.update(updated_at=timezone.now() - datetime.timedelta(days=2))
    expired = client.get(f"{survey.url}answer/{token}/")
    assert expired.status_code == 410 and "This link has expired" in text(expired)
    assert "Every week" not in text(expired)
    assert "no-store" in expired["Cache-Control"]


def test_a_bot_filling_the_honeypot_is_thanked_and_nothing_is_kept(client, survey, n):
    response = client.post(survey.url + "answer/", {n["Do you use the park"]: "Yes", "website": "x"})
    assert "Thank you" in text(response)
    assert not SurveyDraft.objects.exists() and not SurveySubmission.objects.exists()


def test_question_pages_are_rate_limited(client, survey, n, settings):
    settings.SURVEY_PAGES_RATE_LIMIT = "2/m"
    for _ in range(2):
        client.post(survey.url + "answer/", {n["Do you use the park"]: "Yes"})
    assert client.post(survey.url + "answer/", {n["Do you use the park"]: "Yes"}).status_code == 429


def test_a_single_page_survey_has_no_question_pages(client, survey_index):
    single = make_survey(survey_index, title="Library", fields=[USES])
    assert client.get(single.url + "answer/").status_code == 404


def test_query_count_does_not_grow_with_the_questions(client, survey_index):
    def queries(extra):
        fields = [USES, HOW_OFTEN] + [
            {"label": f"Question {i}", "field_type": "radio", "choices": "A\nB"} for i in range(extra)
        ]
        survey = make_survey(survey_index, title=f"Survey {extra}", fields=fields, question_pages=True)
        names = {f.label: f.clean_name for f in survey.form_fields.all()}
        url = follow_post(client, survey.url + "answer/", {names["Do you use the park"]: "Yes"})
        token = url.split("/answer/")[1].split("/")[0]
        counts = []
        for address in (url, f"{survey.url}answer/{token}/check/"):
            client.get(address)
            with CaptureQueriesContext(connection) as captured:
                client.get(address)
            counts.append(len(captured))
        return counts

    assert queries(2) == queries(12)


def test_query_count_does_not_grow_with_the_languages(client, home_page, survey_index, uncached_fragments):
    """The start page, the first question page and the results make the same queries whether the
    survey is in one language or in three, with answers given in each. The site and the survey index
    are in all three throughout, so the language switcher is there every time; a page in Welsh or
    Gaelic makes the same queries as the other, however many languages the survey is in."""
    for code, title in (("cy", "Dweud eich dweud"), ("gd", "Abair do bheachd")):
        translate(home_page, code, title=title)
    for code, title in (("cy", "Arolygon"), ("gd", "Suirbhidhean")):
        translate(survey_index, code, title=title)
    survey = make_survey(
        survey_index, title="Languages", fields=[USES, RATING], question_pages=True, results_public=True
    )
    names = {f.label: f.clean_name for f in survey.form_fields.all()}

    def answer_on(page):
        data = {names["Do you use the park"]: "Yes", names["How green is the park"]: 5}
        SurveySubmission.objects.create(page=page, form_data=data)

    def queries(page):
        counts = {}
        for name, path in (("start", ""), ("question", "answer/"), ("results", "results/")):
            client.get(page.url + path)
            with CaptureQueriesContext(connection) as captured:
                response = client.get(page.url + path)
            assert response.status_code == 200, page.url + path
            counts[name] = len(captured)
        return counts

    answer_on(survey)
    english_alone = queries(survey)
    welsh = translate(survey, "cy", title="Ieithoedd")
    answer_on(welsh)
    welsh_beside_english = queries(welsh)
    gaelic = translate(survey, "gd", title="Cànanan")
    answer_on(gaelic)
    assert "Cànanan" in client.get(gaelic.url + "results/").content.decode()
    assert survey_results(gaelic).total == 3  # every language's answers count together

    assert queries(survey) == english_alone
    assert queries(welsh) == welsh_beside_english
    assert queries(gaelic) == welsh_beside_english


# The single-page form and the admin follow the same rules ---------------------------------------


def test_the_single_page_form_checks_the_skip_rule_on_the_server(client, survey_index):
    single = make_survey(survey_index, title="Library", fields=[USES, HOW_OFTEN])
    names = {f.label: f.clean_name for f in single.form_fields.all()}
    page = client.get(single.url)
    assert "Answer this only if you answered “Yes” to “Do you use the park”." in text(page)
    response = client.post(single.url, {names["Do you use the park"]: "Yes"})
    assert "Answer the question “How often do you visit”" in text(response)  # required when it applies
    skipped = {names["Do you use the park"]: "No", names["How often do you visit"]: "Every week"}
    client.post(single.url, skipped)
    assert SurveySubmission.objects.get().form_data == {names["Do you use the park"]: "No"}  # not stored


def test_exports_show_a_skipped_question_as_not_asked(client, django_user_model, survey, n):
    check_url = answer_all(client, survey, n, uses="No")
    client.post(check_url)
    client.force_login(staff(django_user_model, personal_data=False))
    header, row = export(client, survey, "csv")
    assert row[header.index("How often do you visit")] == "Not asked"
    assert row[header.index("Do you use the park")] == "No"
    listing = client.get(reverse("wagtailforms:list_submissions", args=[survey.pk]))
    assert "Not asked" in text(listing)


def test_results_say_who_a_conditional_question_was_asked_of(client, survey_index):
    single = make_survey(survey_index, title="Library", fields=[USES, HOW_OFTEN], results_public=True)
    body = text(client.get(single.url + "results/"))
    assert "Asked only of people who answered “Yes” to “Do you use the park”." in body


def test_the_admin_refuses_a_rule_that_cannot_work(admin_client, survey_index):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    def question(label, **extra):
        scale = {"scale_min": 1, "scale_max": 7, "required": "on"}
        return {"label": label, "field_type": "radio", "choices": "Yes\nNo", **scale, **extra}

    def post(*questions):
        data = nested_form_data(
            {
                "title": "Play areas",
                "slug": "play-areas",
                "introduction": "About play areas.",
                "opens_on": "2026-01-01",
                "closes_on": "2026-12-31",
                "form_fields": inline_formset(list(questions)),
                "action-publish": "publish",
            }
        )
        response = admin_client.post(f"/admin/pages/add/surveys/surveypage/{survey_index.pk}/", data)
        html = response.content.decode()
        return html

    later = question("Which one", show_if_question="Do you have children", show_if_answer="Yes")
    assert "“Do you have children” is not a question above this one." in post(later)
    wrong = question("Which one", show_if_question="Do you have children", show_if_answer="Maybe")
    assert "Write one of the choices of “Do you have children”: Yes, No." in post(
        question("Do you have children"), wrong
    )
    written = {**question("Your street"), "field_type": "singleline"}
    assert "has no choices to match" in post(
        written, question("Which one", show_if_question="your street", show_if_answer="x")
    )
    assert not SurveyPage.objects.filter(slug="play-areas").exists()
    good = question("Which one", show_if_question="do you have children", show_if_answer="yes")
    post(question("Do you have children"), good)
    assert SurveyPage.objects.get(slug="play-areas").form_fields.count() == 2


def test_a_question_brought_in_by_an_answer_on_its_own_page_is_asked_there(client, survey_index):
    grouped = make_survey(
        survey_index,
        title="Library",
        fields=[USES, {**HOW_OFTEN, "same_page_as_previous": True}],
        question_pages=True,
    )
    names = {f.label: f.clean_name for f in grouped.form_fields.all()}
    first = client.get(grouped.url + "answer/")
    assert "How often do you visit" not in text(first)  # it does not apply yet
    again = follow_post(client, grouped.url + "answer/", {names["Do you use the park"]: "Yes"})
    assert again.endswith("/1/")
    assert "How often do you visit" in text(client.get(again))
    check_url = follow_post(
        client, again, {names["Do you use the park"]: "Yes", names["How often do you visit"]: "Every week"}
    )
    assert check_url.endswith("/check/")
