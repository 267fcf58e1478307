"""Storages: private files with no public URL, and static files (whitenoise's compressed, hashed
storage, taught to rewrite ES module imports).

static/js/site.mjs imports ../vendor/govuk/govuk-frontend.min.js. With hashed file names that
import must point at the hashed copy, or browsers (which cache hashed files for a year) would load
an unhashed, uncached, possibly stale module. Django rewrites `import ... from "..."` when
support_js_module_import_aggregation is on, but only for *.js; we apply the same patterns to our
own *.mjs modules and leave third-party *.js bundles untouched.
"""

from django.contrib.staticfiles.storage import HashedFilesMixin
from django.core.files.storage import FileSystemStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage

_IMPORT_PATTERNS = HashedFilesMixin._js_module_import_aggregation_patterns[1]


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    patterns = CompressedManifestStaticFilesStorage.patterns + (("*.mjs", _IMPORT_PATTERNS),)


class PrivateFileSystemStorage(FileSystemStorage):
    """Files that must never have a public URL (settings.STORAGES["private"], at PRIVATE_MEDIA_ROOT,
    outside MEDIA_ROOT). Staff see them only through views that check a permission."""

    def url(self, name):
        raise ValueError("Private files have no public URL.")
