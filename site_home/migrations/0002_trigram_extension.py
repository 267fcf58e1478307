from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    """pg_trgm, for the nearest titles behind search's "did you mean" (site_home.search). Django's
    extension operations do nothing on a database other than PostgreSQL (they check
    `connection.vendor`), so SQLite migrates through this unchanged."""

    dependencies = [("site_home", "0001_initial")]

    operations = [TrigramExtension()]
