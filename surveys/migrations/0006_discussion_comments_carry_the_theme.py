"""Comments already posted in a discussion are filed under its theme, as new ones are, so a
moderator filtering comments by theme finds them. Their place is left as the resident gave it."""

from django.db import migrations


def file_under_discussion_theme(apps, schema_editor):
    DiscussionPage = apps.get_model("surveys", "DiscussionPage")
    Comment = apps.get_model("surveys", "Comment")
    for page_id, theme_id in DiscussionPage.objects.filter(theme__isnull=False).values_list("pk", "theme_id"):
        Comment.objects.filter(page_id=page_id).exclude(theme_id=theme_id).update(theme_id=theme_id)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0005_discussion_place_and_theme")]

    operations = [migrations.RunPython(file_under_discussion_theme, migrations.RunPython.noop)]
