from django.apps import AppConfig


class SiteHomeConfig(AppConfig):
    name = "site_home"
    verbose_name = "Site"

    def ready(self):
        from site_home import retention_services, signals

        signals.connect()
        retention_services.connect()
