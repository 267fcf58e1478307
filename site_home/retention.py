"""How long personal data is kept: each model that holds some declares it, one job enforces it.

A model declares what personal fields it holds and, per rule, when they expire and how they are
erased, as a class attribute (feature apps declare their own models; site_home imports none of them):

    class Booking(models.Model):
        personal_data = PersonalData(
            fields=("name", "email", "access_needs"),
            rules=(
                Rule("access needs", After("event__end", days=1), Anonymise({"access_needs": ""})),
                Rule("booking", After("event__end", days="EVENT_PERSONAL_DATA_RETENTION_DAYS"), Delete()),
            ),
        )

Models we do not own (the task queue, the login guard) are declared with `register()`.
`manage.py apply_retention` applies every rule, in batches; a second run changes nothing.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models import Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from site_home import cache_versions

logger = logging.getLogger(__name__)

BATCH_SIZE = 500


@dataclass(frozen=True)
class After:
    """Expired once `days` have passed since the date in `field` (a lookup path, e.g. "event__end").
    `days` is a number, the name of a setting, or a callable returning either or a timedelta."""

    field: str
    days: int | str | Callable

    def age(self):
        days = self.days
        if callable(days):
            days = days()
        if isinstance(days, str):
            days = getattr(settings, days)
        return days if isinstance(days, timedelta) else timedelta(days=days)

    def expired(self, model, now):
        cutoff = now - self.age()
        if isinstance(_final_field(model, self.field), models.DateTimeField):
            return Q(**{f"{self.field}__lt": cutoff})
        return Q(**{f"{self.field}__lt": timezone.localdate(cutoff)})

    def describe(self):
        setting = f" ({self.days})" if isinstance(self.days, str) else ""
        days = self.age().days
        return f"{days} day{'' if days == 1 else 's'}{setting} after {self.field.replace('__', ' ')}"


def in_words(days):
    """A retention period as a notice to residents says it: "2 years", "90 days", "1 day"."""
    if days and days % 365 == 0:
        days, unit = days // 365, "year"
    else:
        unit = "day"
    return f"{days} {unit}{'' if days == 1 else 's'}"


def _final_field(model, path):
    field = None
    for name in path.split("__"):
        field = model._meta.get_field(name)
        model = field.related_model or model
    return field


class Anonymise:
    """Overwrite fields in place; the row (and what is not personal in it) stays.
    `done` says which rows are already anonymised; by default, rows already holding every value."""

    def __init__(self, values, done=None):
        self.values, self.done = values, done

    def pending(self):
        return ~self.done if self.done is not None else ~Q(**self.values)

    def erase(self, model, pks):
        return model._default_manager.filter(pk__in=pks).update(**self.values)

    @classmethod
    def unique_placeholder(cls, field_name, also=None):
        """For a field that must stay unique per row (a client fingerprint): "anonymised-<pk>".
        `also` overwrites other fields of the same rows at the same time."""
        prefix = "anonymised-"
        return cls(
            {field_name: Concat(Value(prefix), Cast("pk", models.CharField())), **(also or {})},
            done=Q(**{f"{field_name}__startswith": prefix}),
        )


class Delete:
    """Delete the rows, and the stored files of the named file fields first (so a failure leaves a
    row pointing at nothing, which the next run deletes, never an orphaned file)."""

    def __init__(self, files=()):
        self.files = tuple(files)

    def pending(self):
        return Q()

    def erase(self, model, pks):
        rows = model._default_manager.filter(pk__in=pks)
        for name in self.files:
            for row in rows.exclude(**{name: ""}).only("pk", name):
                getattr(row, name).delete(save=False)
        deleted, _ = rows.delete()
        return len(pks) if deleted else 0


class Transform:
    """Rewrite each expired row in Python (e.g. drop keys from a JSON field): `function(rows)` gets
    a batch of instances and returns how many it changed; `pending` selects rows still to do."""

    def __init__(self, function, pending=None):
        self.function, self._pending = function, pending

    def pending(self):
        return self._pending() if callable(self._pending) else (self._pending or Q())

    def erase(self, model, pks):
        return self.function(list(model._default_manager.filter(pk__in=pks)))


@dataclass(frozen=True)
class Rule:
    """One expiry: which rows (`where`), from when (`expires`), and how they are erased.
    `public` means the erased data shows on public pages, so cached pages are refreshed after it."""

    name: str
    expires: After
    erase: Anonymise | Delete | Transform
    where: Q = field(default_factory=Q)
    public: bool = False

    def queryset(self, model, now):
        return (
            model._default_manager.filter(self.where)
            .filter(self.expires.expired(model, now))
            .filter(self.erase.pending())
            .order_by("pk")
        )


@dataclass(frozen=True)
class PersonalData:
    """What a model holds about a person (`fields`, for the admin and the docs) and its rules."""

    fields: tuple[str, ...]
    rules: tuple[Rule, ...]


_registered = {}


def register(model_label, personal_data):
    """Declare the personal data of a model we do not own ("app_label.Model", the app's label,
    which is not always its module name). An unknown label fails here, not silently at run time."""
    _registered[apps.get_model(model_label)._meta.label] = personal_data


def declarations():
    """[(model, PersonalData)] for every installed model that holds personal data."""
    found = []
    for model in apps.get_models():
        declared = _registered.get(model._meta.label) or getattr(model, "personal_data", None)
        if not isinstance(declared, PersonalData) or model._meta.proxy:
            continue
        # A multi-table child inherits its parent's declaration: the parent's rows are enough.
        if any(getattr(parent, "personal_data", None) is declared for parent in model._meta.parents):
            continue
        found.append((model, declared))
    return found


@dataclass
class Outcome:
    model: type
    rule: Rule
    count: int

    def __str__(self):
        return f"{self.model._meta.label}: {self.rule.name} ({self.rule.expires.describe()}): {self.count}"


def apply_retention(dry_run=False, batch_size=BATCH_SIZE, now=None):
    """Apply every rule; returns one Outcome per rule (rows erased, or that would be when dry_run)."""
    now = now or timezone.now()
    outcomes, public_change = [], False
    for model, declared in declarations():
        for rule in declared.rules:
            queryset = rule.queryset(model, now)
            if dry_run:
                outcomes.append(Outcome(model, rule, queryset.count()))
                continue
            total = 0
            while pks := list(queryset.values_list("pk", flat=True)[:batch_size]):
                with transaction.atomic():
                    changed = rule.erase.erase(model, pks)
                total += changed
                if not changed:
                    break  # nothing more this rule can do: never loop for ever
            outcomes.append(Outcome(model, rule, total))
            public_change |= bool(total and rule.public)
            if total:
                logger.info("Retention: %s", outcomes[-1])
    if public_change:
        cache_versions.site_changed()
    return outcomes
