from django.apps import AppConfig


class SiteHomeConfig(AppConfig):
    name = "site_home"
    verbose_name = "Site"

    def ready(self):
        from site_home import signals

        signals.connect()
