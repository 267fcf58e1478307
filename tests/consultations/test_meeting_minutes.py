"""Meeting minutes: agenda items with resolutions, each of which can become a commitment that
points back at it; the minutes show every resolution with its commitments and their live status."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from consultations.models import CommitmentIndexPage, CommitmentPage, CommitmentStatus, MeetingMinutesPage

from .factories import PartnerFactory, days, make_commitment, make_minutes

pytestmark = pytest.mark.django_db
S = CommitmentStatus

ITEMS = (
    ("Thriving Communities programme", ("That an update be provided in 12 months.",)),
    (
        "Social prescribing",
        ("That an update on Social Prescribing be provided in September.", "That the report be noted."),
    ),
)


class TestTreeRules(WagtailPageTestCase):
    def test_minutes_live_under_the_tracker(self):
        self.assertAllowedParentPageTypes(MeetingMinutesPage, {CommitmentIndexPage})
        self.assertAllowedSubpageTypes(MeetingMinutesPage, {})


def test_resolutions_are_numbered_and_keyed_by_their_block(commitment_index):
    minutes = make_minutes(commitment_index, items=ITEMS)
    resolutions = minutes.resolution_list
    assert [r.number for r in resolutions] == ["1.1", "2.1", "2.2"]
    assert all(r.key.startswith("res-") for r in resolutions)
    assert len({r.key for r in resolutions}) == 3
    # Keys are stable: the same after the page is read again.
    again = MeetingMinutesPage.objects.get(pk=minutes.pk)
    assert [r.key for r in again.resolution_list] == [r.key for r in resolutions]
    assert dict(minutes.commitment_targets())[resolutions[1].key] == (
        "Resolution 2.1: That an update on Social Prescribing be provided in September."
    )


def test_a_commitment_from_a_resolution_points_back_at_it(client, commitment_index):
    minutes = make_minutes(commitment_index, items=ITEMS)
    resolution = minutes.resolution_list[1]
    commitment = make_commitment(
        commitment_index,
        title="Report on social prescribing",
        source_page=minutes,
        recommendation_key=resolution.key,
        due_date=days(30),
    )
    commitment.full_clean()
    assert commitment.source["anchor"] == resolution.key
    html = client.get(commitment.url).content.decode()
    assert f'href="{minutes.url}#{resolution.key}"' in html
    assert "Resolution 2.1" in html

    commitment.recommendation_key = "res-not-there"
    with pytest.raises(ValidationError) as error:
        commitment.full_clean()
    assert "recommendation_key" in error.value.message_dict


def test_minutes_show_each_resolution_with_its_commitments_live_status(client, commitment_index):
    minutes = make_minutes(commitment_index, items=ITEMS)
    first, second, third = minutes.resolution_list
    make_commitment(
        commitment_index,
        title="Programme update",
        source_page=minutes,
        recommendation_key=first.key,
        due_date=days(-3),
        status=S.IN_PROGRESS,
    )
    make_commitment(
        commitment_index,
        title="Prescribing update",
        source_page=minutes,
        recommendation_key=second.key,
        status=S.DONE,
        status_reason="Reported in September.",
    )
    make_commitment(
        commitment_index, title="Draft one", source_page=minutes, recommendation_key=third.key, publish=False
    )
    html = client.get(minutes.url).content.decode()
    assert "Health and Wellbeing Sub-Committee" in html
    assert "Dr S. Khan" in html and "Councillor J. Reid" in html
    programme = html[html.index(f'id="{first.key}"') : html.index(f'id="{second.key}"')]
    assert "Programme update" in programme and "In progress" in programme and "Overdue" in programme
    prescribing = html[html.index(f'id="{second.key}"') : html.index(f'id="{third.key}"')]
    assert "Prescribing update" in prescribing and "Done" in prescribing and "Overdue" not in prescribing
    noted = html[html.index(f'id="{third.key}"') :]
    assert "Draft one" not in noted
    assert "No commitment has been made from this resolution yet." in noted
    assert f'href="{commitment_index.url}?consultation={minutes.pk}"' in html


def _add_form(partner, key, **extra):
    return nested_form_data(
        {
            "title": "Social prescribing update",
            "slug": "social-prescribing-update",
            "summary": "Report to the sub-committee on social prescribing.",
            "body": rich_text(""),
            "partner": partner.pk,
            "source_page": "",
            "recommendation_key": key,
            "due_date": "2027-09-30",
            "status": "not-started",
            "status_reason": "",
            "updates": inline_formset([]),
            "comments": inline_formset([]),
            "action-publish": "publish",
            **extra,
        }
    )


def test_editor_picks_a_resolution_and_where_it_came_from_follows(admin_client, commitment_index):
    minutes = make_minutes(commitment_index, items=ITEMS)
    resolution = minutes.resolution_list[1]
    url = f"/admin/pages/add/consultations/commitmentpage/{commitment_index.pk}/"
    form = admin_client.get(url).content.decode()
    assert "Resolution 2.1: That an update on Social Prescribing be provided in September." in form

    admin_client.post(url, _add_form(PartnerFactory(name="Health Board"), resolution.key))
    commitment = CommitmentPage.objects.get(slug="social-prescribing-update")
    assert commitment.live
    assert (commitment.source_page_id, commitment.recommendation_key) == (minutes.pk, resolution.key)


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_minutes_queries_do_not_grow_with_resolutions_or_commitments(
    client, commitment_index, uncached_fragments
):
    small = make_minutes(commitment_index, title="Small", items=ITEMS[:1])
    make_commitment(commitment_index, source_page=small, recommendation_key=small.resolution_list[0].key)
    few = count_queries(client, small.url)
    many_items = [(f"Item {n}", [f"That thing {n}.{m} be done." for m in range(3)]) for n in range(6)]
    large = make_minutes(commitment_index, title="Large", items=many_items)
    for resolution in large.resolution_list:
        make_commitment(commitment_index, source_page=large, recommendation_key=resolution.key)
    assert count_queries(client, large.url) == few
