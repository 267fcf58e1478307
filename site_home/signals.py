from django.db.models.signals import post_delete, post_save
from django_tasks.signals import task_finished
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from site_home import cache_versions


def connect():
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(cache_versions.site_changed, dispatch_uid=f"page-cache-{id(signal)}")
    post_save.connect(cache_versions.on_model_saved, dispatch_uid="page-cache-save")
    post_delete.connect(cache_versions.on_model_delete, dispatch_uid="page-cache-delete")
    task_finished.connect(cache_versions.on_task_finished, dispatch_uid="page-cache-search-index")
