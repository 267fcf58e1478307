"""The editors' side: the dashboard panel of due and overdue commitments, and the CSV/XLSX reports
of commitments and their updates, for editors only."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from openpyxl import load_workbook

from consultations.models import CommitmentStatus, CommitmentUpdate

from .factories import PartnerFactory, days, make_commitment, make_review

pytestmark = pytest.mark.django_db

REPORT = "consultations_commitments_report"
UPDATES = "consultations_commitment_updates_report"


@pytest.fixture
def scene(commitment_index, review_index):
    review = make_review(review_index, title="Working together", sections=1)
    overdue = make_commitment(
        commitment_index,
        title="Late hall",
        partner=PartnerFactory(name="Council"),
        due_date=days(-3),
        source_page=review,
        updates=2,
    )
    soon = make_commitment(commitment_index, title="Clinic hours", due_date=days(10))
    later = make_commitment(commitment_index, title="Far away", due_date=days(90))
    settled = make_commitment(
        commitment_index,
        title="Done thing",
        due_date=days(-3),
        status=CommitmentStatus.DONE,
        status_reason="Done.",
    )
    draft = make_commitment(commitment_index, title="Draft late", due_date=days(-1), publish=False)
    CommitmentUpdate.objects.create(
        page=overdue, date=days(0), text='=HYPERLINK("http://evil")', sort_order=5
    )
    return {"overdue": overdue, "soon": soon, "later": later, "settled": settled, "draft": draft}


def editor(django_user_model, client, groups=("Editors",)):
    user = django_user_model.objects.create_user("someone", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    client.force_login(user)
    return user


def test_dashboard_panel_lists_overdue_and_due_soon_with_drafts(admin_client, scene):
    html = admin_client.get("/admin/").content.decode()
    assert "Commitments due and overdue" in html
    panel = html[html.index("Commitments due and overdue") :]
    for name in ("Late hall", "Draft late", "Clinic hours"):
        assert name in panel
    assert "Far away" not in panel
    assert "Done thing" not in panel
    assert panel.index("Late hall") < panel.index("Clinic hours")  # overdue first
    assert reverse("wagtailadmin_pages:edit", args=[scene["overdue"].pk]) in panel


def test_dashboard_panel_not_shown_without_page_permissions(client, django_user_model, scene):
    editor(django_user_model, client, groups=())
    html = client.get("/admin/").content.decode()
    assert "Commitments due and overdue" not in html


def test_commitments_export_csv_is_formula_safe_and_complete(admin_client, scene):
    response = admin_client.get(reverse(REPORT) + "?export=csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode())))
    by_title = {row["Commitment"]: row for row in rows}
    assert set(by_title) == {"Late hall", "Clinic hours", "Far away", "Done thing", "Draft late"}
    late = by_title["Late hall"]
    assert late["Partner"] == "Council"
    assert late["Overdue"] == "Yes"
    assert late["Status"] == "Not started"
    assert late["Where it came from"] == "Working together"
    assert late["Updates"] == "3"
    assert by_title["Clinic hours"]["Where it came from"] == "Entered by staff"
    assert by_title["Draft late"]["Published"] == "No (draft)"

    updates = admin_client.get(reverse(UPDATES) + "?export=csv").getvalue().decode()
    rows = list(csv.DictReader(io.StringIO(updates)))
    assert len(rows) == 3
    assert "'=HYPERLINK" in updates


def test_updates_export_xlsx(admin_client, scene):
    response = admin_client.get(reverse(UPDATES) + "?export=xlsx")
    sheet = load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    ).active
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["Commitment", "Partner", "Date", "Update"]
    assert sheet.max_row == 4


@pytest.mark.parametrize("name", [REPORT, UPDATES])
def test_exports_need_page_permissions(client, django_user_model, scene, name):
    user = editor(django_user_model, client, groups=())
    refused = client.get(reverse(name) + "?export=csv")
    assert refused.status_code in (302, 403)
    assert "Late hall" not in refused.content.decode()
    user.groups.add(Group.objects.get(name="Editors"))
    allowed = client.get(reverse(name) + "?export=csv")
    assert allowed.status_code == 200
    assert "Late hall" in allowed.getvalue().decode()


def test_reports_listed_in_the_reports_menu_and_render(admin_client, scene):
    html = admin_client.get(reverse(REPORT)).content.decode()
    assert "Late hall" in html
    assert admin_client.get(reverse(UPDATES)).status_code == 200


def _add_form(partner, review, rec_key, status, reason, updates):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    return nested_form_data(
        {
            "title": "Open the halls late",
            "slug": "open-the-halls-late",
            "summary": "Halls open until 9pm.",
            "body": rich_text(""),
            "partner": partner.pk,
            "source_page": review.pk,
            "recommendation_key": rec_key,
            "due_date": "2027-03-31",
            "status": status,
            "status_reason": reason,
            "updates": inline_formset(updates),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )


def test_editor_turns_a_recommendation_into_a_commitment_with_an_update(
    admin_client, commitment_index, review_index
):
    from consultations.models import CommitmentPage

    review = make_review(review_index, title="Halls", sections=1)
    rec = review.section_list[0].recommendation_list[0]
    partner = PartnerFactory(name="Council")
    url = f"/admin/pages/add/consultations/commitmentpage/{commitment_index.pk}/"
    update = {"date": "2026-11-02", "text": "Rotas agreed.", "link": "", "link_text": "", "image_alt": ""}

    refused = admin_client.post(url, _add_form(partner, review, rec.key, "done", "", [update]))
    assert refused.status_code == 200
    assert "Say why the status is ‘done’: residents see this reason." in refused.content.decode()
    assert not CommitmentPage.objects.filter(slug="open-the-halls-late").exists()

    admin_client.post(url, _add_form(partner, review, rec.key, "in-progress", "", [update]))
    commitment = CommitmentPage.objects.get(slug="open-the-halls-late")
    assert commitment.live and commitment.recommendation_key == rec.key
    assert [u.text for u in commitment.updates.all()] == ["Rotas agreed."]


def test_source_chooser_offers_only_reviews_and_events(admin_client, commitment_index):
    html = admin_client.get(
        f"/admin/pages/add/consultations/commitmentpage/{commitment_index.pk}/"
    ).content.decode()
    assert "consultations.reviewpage" in html and "events.eventpage" in html


def test_editor_picks_the_recommendation_from_a_grouped_list(admin_client, commitment_index, review_index):
    review = make_review(review_index, title="Halls", sections=2, recs=1)
    section = review.section_list[1]
    rec = section.recommendation_list[0]
    html = admin_client.get(
        f"/admin/pages/add/consultations/commitmentpage/{commitment_index.pk}/"
    ).content.decode()
    assert '<optgroup label="Halls">' in html
    assert f'<option value="{section.key}">2. {section.title}</option>' in html
    assert f'<option value="{rec.key}">Recommendation 2.1: {rec.text}</option>' in html
