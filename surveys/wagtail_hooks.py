from wagtail import hooks

from site_home.bench import BENCH_DATA
from surveys import survey_hooks  # noqa: F401  (registers the survey hooks)
from surveys.bench import build as build_survey_bench

hooks.register(BENCH_DATA, build_survey_bench, order=50)
