from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from site_home.navigation import invalidate_navigation


def connect():
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(invalidate_navigation, dispatch_uid=f"nav-{id(signal)}")
    post_delete.connect(invalidate_navigation, sender=Page, dispatch_uid="nav-page-delete")
