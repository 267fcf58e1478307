"""URL path prefixes that several layers (CSP, the page cache, the form-origin check) treat apart.

A prefix is anchored with its trailing slash, so "/admin/" matches the admin and nothing else: a bare
"/admin" would also match a public page whose slug starts with "admin" (/administrivia/).
"""

ADMIN_PATH = "/admin/"


def is_admin_path(path):
    """Whether `path` is the Wagtail admin (which keeps Django's CSRF token and is never cached)."""
    return path.startswith(ADMIN_PATH)
