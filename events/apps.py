from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"

    def ready(self):
        from events import signals  # uses models, so it loads once the app registry is ready

        signals.connect()
