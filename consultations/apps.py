from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "consultations"

    def ready(self):
        from . import notifications  # uses models, so it loads once the app registry is ready

        notifications.connect()
