"""Story submission photos used to sit in MEDIA_ROOT/private/, where the media view served them to
anyone. Move every file found there (orphans included) into settings.STORAGES["private"] under the
same name, so the database rows still point at them, and remove the public copies."""

import os
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.db import migrations


def move_private_files(old_root=None, storage=None):
    old_root = Path(old_root or Path(settings.MEDIA_ROOT) / "private")
    storage = storage or storages["private"]
    location = getattr(storage, "location", None)
    if not old_root.is_dir() or (location and _overlap(Path(location), old_root)):
        return 0
    moved = 0
    for path in sorted(p for p in old_root.rglob("*") if p.is_file()):
        name = path.relative_to(old_root).as_posix()
        if not storage.exists(name):
            with path.open("rb") as handle:
                saved = storage.save(name, File(handle))
            if saved != name:
                raise RuntimeError(f"{name} was stored as {saved}: move it by hand")
        path.unlink()
        moved += 1
    for folder, _, _ in sorted(os.walk(old_root), reverse=True):  # deepest first
        if not os.listdir(folder):
            os.rmdir(folder)
    return moved


def _overlap(a, b):
    a, b = a.resolve(), b.resolve()
    return a.is_relative_to(b) or b.is_relative_to(a)


def forwards(apps, schema_editor):
    move_private_files()


class Migration(migrations.Migration):
    dependencies = [("stories", "0002_story_consent_only_for_residents_and_groups")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
