from django.apps import AppConfig


class DevdataConfig(AppConfig):
    """Demo and benchmark data (`load_demo`, `bench_data`, `bench_probe`): installed by the development,
    test and production_demo settings only, so nothing here ships in a production deployment."""

    name = "devdata"
    verbose_name = "Development data"
