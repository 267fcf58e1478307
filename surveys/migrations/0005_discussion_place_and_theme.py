"""A discussion belongs to one place and one theme (it had lists of each, usually of one).

The first place and theme of each discussion, and of each of its revisions (so a draft keeps
them), become its place and theme. Discussions with none stay valid, with both empty: the
editor is asked for them at the next publish."""

import django.db.models.deletion
from django.db import migrations, models


def _first(ids):
    return ids[0] if ids else None


def lists_to_one(apps, schema_editor):
    DiscussionPage = apps.get_model("surveys", "DiscussionPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    places = DiscussionPage.places.through.objects.order_by("pk")
    themes = DiscussionPage.themes.through.objects.order_by("pk")
    for page in DiscussionPage.objects.all():
        page.place_id = _first(
            list(places.filter(discussionpage_id=page.pk).values_list("placepage_id", flat=True))
        )
        page.theme_id = _first(
            list(themes.filter(discussionpage_id=page.pk).values_list("theme_id", flat=True))
        )
        page.save(update_fields=["place", "theme"])
    content_type = ContentType.objects.filter(app_label="surveys", model="discussionpage").first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(content_type=content_type).iterator():
        content = revision.content
        content["place"] = _first(content.pop("places", None))
        content["theme"] = _first(content.pop("themes", None))
        revision.content = content
        revision.save(update_fields=["content"])


def one_to_lists(apps, schema_editor):
    DiscussionPage = apps.get_model("surveys", "DiscussionPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    # Through the link tables: a historical ParentalManyToManyField's add() is not saved.
    for page in DiscussionPage.objects.all():
        if page.place_id:
            DiscussionPage.places.through.objects.create(discussionpage_id=page.pk, placepage_id=page.place_id)
        if page.theme_id:
            DiscussionPage.themes.through.objects.create(discussionpage_id=page.pk, theme_id=page.theme_id)
    content_type = ContentType.objects.filter(app_label="surveys", model="discussionpage").first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(content_type=content_type).iterator():
        content = revision.content
        place, theme = content.pop("place", None), content.pop("theme", None)
        content["places"] = [place] if place else []
        content["themes"] = [theme] if theme else []
        revision.content = content
        revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("site_home", "0001_initial"),
        ("surveys", "0004_one_person_by_participant_and_network"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="discussionpage",
            name="place",
            field=models.ForeignKey(
                help_text="The place the question is about: the discussion is listed on its page.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="site_home.placepage",
            ),
        ),
        migrations.AddField(
            model_name="discussionpage",
            name="theme",
            field=models.ForeignKey(
                help_text="Listed on the theme's page; every comment posted here is filed under it.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="site_home.theme",
            ),
        ),
        migrations.RunPython(lists_to_one, one_to_lists),
        migrations.RemoveField(model_name="discussionpage", name="places"),
        migrations.RemoveField(model_name="discussionpage", name="themes"),
        migrations.AlterField(
            model_name="discussionpage",
            name="place",
            field=models.ForeignKey(
                help_text="The place the question is about: the discussion is listed on its page.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="discussion_pages",
                to="site_home.placepage",
            ),
        ),
        migrations.AlterField(
            model_name="discussionpage",
            name="theme",
            field=models.ForeignKey(
                help_text="Listed on the theme's page; every comment posted here is filed under it.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="discussion_pages",
                to="site_home.theme",
            ),
        ),
    ]
