import json

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from site_home import cache_versions


class Command(BaseCommand):
    help = (
        "For each URL in a bench URLs file: status, HTML bytes and SQL queries of one request without the "
        "page cache, with the fragment caches warm and cold."
    )

    def add_arguments(self, parser):
        parser.add_argument("urls_file")

    def handle(self, *args, urls_file, **options):
        with open(urls_file) as handle:
            urls = json.load(handle)["urls"]
        client = Client(HTTP_HOST="127.0.0.1")
        results = {}
        for name, url in urls.items():
            client.get(url)  # warm what is meant to be warm (site root paths, navigation, fragments)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            # And as on the first request after a content change: every fragment made afresh.
            cache_versions.site_changed()
            with CaptureQueriesContext(connection) as cold_queries:
                client.get(url)
            results[name] = {
                "url": url,
                "status": response.status_code,
                "queries": len(queries),
                "queries_cold": len(cold_queries),
                "html_bytes": len(response.content),
            }
        self.stdout.write(json.dumps(results))
