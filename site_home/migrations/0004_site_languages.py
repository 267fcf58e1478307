"""A Wagtail locale for each of the site's languages, so editors can translate pages at once."""

from django.conf import settings
from django.db import migrations


def add_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [("site_home", "0003_place_population"), ("wagtailcore", "0054_initial_locale")]

    operations = [migrations.RunPython(add_locales, migrations.RunPython.noop)]
