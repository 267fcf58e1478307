from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "consultations"

    def ready(self):
        # These use models, so they load once the app registry is ready.
        from . import notifications
        from .commitments import notices

        notifications.connect()
        notices.connect()
