"""Wagtail loads one hooks module per app: this one loads each part's own."""

from surveys.analysis import wagtail_hooks as analysis_hooks  # noqa: F401
from surveys.builder import wagtail_hooks as builder_hooks  # noqa: F401
from surveys.equalities import wagtail_hooks as equalities_hooks  # noqa: F401
from surveys.feedback import wagtail_hooks as feedback_hooks  # noqa: F401
