from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteHomeConfig(AppConfig):
    name = "site_home"
    verbose_name = _("Site")

    def ready(self):
        # These modules use models, so they load once the app registry is ready.
        from site_home import retention_services, search, sign_in, signals
        from site_home.spreadsheets import protect_wagtail_csv_exports

        protect_wagtail_csv_exports()

        signals.connect()
        retention_services.connect()
        sign_in.connect()
        search.connect()
