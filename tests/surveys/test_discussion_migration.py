"""The move from lists of places and themes to one of each keeps the first of each, on the page and
in its revisions, and leaves a discussion with none valid."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("surveys", "0004_one_person_by_participant_and_network")]
AFTER = [("surveys", "0006_discussion_comments_carry_the_theme")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _page(apps, home, slug, content_type, n):
    Page = apps.get_model("wagtailcore", "Page")
    DiscussionPage = apps.get_model("surveys", "DiscussionPage")
    home_row = Page.objects.get(pk=home.pk)
    page = DiscussionPage.objects.create(
        title=slug,
        draft_title=slug,
        slug=slug,
        path=f"{home_row.path}{n:04d}",
        depth=home_row.depth + 1,
        url_path=f"{home_row.url_path}{slug}/",
        content_type_id=content_type.pk,
        locale_id=home_row.locale_id,
        intro="A question",
        live=True,
    )
    Page.objects.filter(pk=home.pk).update(numchild=n)
    return page


def test_first_place_and_theme_become_the_discussion_s(home_page, place_index):
    from django.contrib.contenttypes.models import ContentType

    from tests.site_home.factories import ThemeFactory, make_place

    first_place = make_place(place_index, title="Ashgrove")
    second_place = make_place(place_index, title="Glenholm")
    first_theme, second_theme = ThemeFactory(name="Funding"), ThemeFactory(name="Transport")
    content_type = ContentType.objects.get(app_label="surveys", model="discussionpage")
    try:
        old = _migrate(BEFORE)
        Revision = old.get_model("wagtailcore", "Revision")
        Comment = old.get_model("surveys", "Comment")
        tagged = _page(old, home_page, "tagged", content_type, 10)
        DiscussionPage = old.get_model("surveys", "DiscussionPage")
        for place in (first_place, second_place):
            DiscussionPage.places.through.objects.create(discussionpage_id=tagged.pk, placepage_id=place.pk)
        for theme in (first_theme, second_theme):
            DiscussionPage.themes.through.objects.create(discussionpage_id=tagged.pk, theme_id=theme.pk)
        untagged = _page(old, home_page, "untagged", content_type, 11)
        Revision.objects.create(
            content_type_id=content_type.pk,
            base_content_type_id=ContentType.objects.get(app_label="wagtailcore", model="page").pk,
            object_id=str(tagged.pk),
            object_str="tagged",
            created_at=timezone.now(),
            content={"title": "tagged", "places": [second_place.pk], "themes": [second_theme.pk]},
        )
        comment = Comment.objects.create(
            page_id=tagged.pk, display_name="Tam", body="Yes", created_at=timezone.now()
        )

        new = _migrate(AFTER)
        DiscussionPage = new.get_model("surveys", "DiscussionPage")
        tagged = DiscussionPage.objects.get(slug="tagged")
        assert (tagged.place_id, tagged.theme_id) == (first_place.pk, first_theme.pk)
        untagged = DiscussionPage.objects.get(slug="untagged")
        assert (untagged.place_id, untagged.theme_id) == (None, None)
        content = new.get_model("wagtailcore", "Revision").objects.get(object_id=str(tagged.pk)).content
        assert (content["place"], content["theme"]) == (second_place.pk, second_theme.pk)
        assert "places" not in content and "themes" not in content
        assert new.get_model("surveys", "Comment").objects.get(pk=comment.pk).theme_id == first_theme.pk

        back = _migrate(BEFORE).get_model("surveys", "DiscussionPage")
        links = back.places.through.objects.filter(discussionpage_id=tagged.pk)
        assert list(links.values_list("placepage_id", flat=True)) == [first_place.pk]
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
