import datetime

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from events.models import EventPage
from events.models.pages import LONDON
from site_home.date_input import PARTS as DATE_PARTS
from site_home.date_input import DateInputField
from site_home.forms import PlaceChoiceField
from site_home.models import PlacePage, Theme
from site_home.page_cache import cached_content
from site_home.retention import in_words
from surveys.feedback.forms_base import PublicForm


def _consent_label():
    # What the retention rules of Booking do (events/models/bookings.py), from the same setting.
    days = in_words(settings.EVENT_PERSONAL_DATA_RETENTION_DAYS)
    return gettext(
        "I agree that the organisers may keep my details to manage this booking and contact me about it. "
        "They are deleted %(period)s after the event (any access needs the day after) and never published."
    ) % {"period": days}


CONSENT_LABEL = lazy(_consent_label, str)()


class ContactForm(PublicForm):
    """Name and email, as every event form asks them; emails compared in lower case."""

    email_help = ""

    name = forms.CharField(
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        label=_("Name"),
        error_messages={"required": _("Enter your name")},
    )
    email = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = self.email_help

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class BookingForm(ContactForm):
    email_help = _(
        "We email you a link to confirm your booking. Once you have confirmed, we send the booking "
        "details and a link to change or cancel it."
    )

    places = forms.IntegerField(
        label=_("Number of places"),
        min_value=1,
        initial=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
    )
    access_needs = forms.CharField(
        label=_("Access needs (optional)"),
        required=False,
        max_length=1000,
        help_text=_(
            "Tell us anything that would help you take part, such as a hearing loop, step-free "
            "access or an interpreter. Only the organisers see this."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    sessions = forms.ModelMultipleChoiceField(
        label=_("Which workshop would you like to join?"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consent = forms.BooleanField(
        label=CONSENT_LABEL,
        error_messages={"required": _("Tick the box to agree to us keeping your details for this booking")},
    )

    def __init__(self, *args, event: EventPage, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        maximum = event.max_places_per_booking or 1
        places = self.fields["places"]
        places.max_value = maximum
        places.help_text = ngettext(
            "Up to %(count)d per booking.", "Up to %(count)d per booking.", maximum
        ) % {"count": maximum}
        places.widget.attrs["max"] = maximum
        places.validators.append(MaxValueValidator(maximum))
        places.error_messages.update(
            {
                "required": gettext("Enter the number of places"),
                "invalid": gettext("Enter the number of places as a number, like 2"),
                "min_value": gettext("Book at least 1 place"),
                "max_value": ngettext(
                    "You can book up to %(count)d place at once",
                    "You can book up to %(count)d places at once",
                    maximum,
                )
                % {"count": maximum},
            }
        )
        bookable = [session for session in event.sessions.all() if session.is_bookable]
        if bookable:
            self.fields["sessions"].queryset = event.sessions.filter(pk__in=[s.pk for s in bookable])
            self.fields["sessions"].required = True
            self.fields["sessions"].error_messages["required"] = gettext("Choose at least one workshop")
            self.fields["sessions"].label_from_instance = _session_label
        else:
            del self.fields["sessions"]


def _session_label(session):
    when = f"{session.start_time:%H:%M}: " if session.start_time else ""
    return f"{when}{session.title}"


class InterestForm(ContactForm):
    email_help = _("We email you once, when the dates are set.")

    consent = forms.BooleanField(
        label=_("I agree that the organisers may keep my name and email to tell me when the dates are set."),
        error_messages={"required": _("Tick the box to agree to us keeping your details")},
    )


# Dates a visitor can filter on. Far past or future dates would overflow when turned into local
# midnights (date.max + one day does not exist), and no event is held there anyway.
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2999, 12, 31)


class EventFilterForm(forms.Form):
    """The listing's GET filters. Every field is optional; bad dates get a clear error and are ignored."""

    place = PlaceChoiceField(required=False, label=_("Place"))
    theme = forms.ChoiceField(required=False, label=_("Theme"))
    format = forms.ChoiceField(
        required=False, label=_("Format"), choices=[("", _("Any format")), *EventPage.Format.choices]
    )
    date_from = DateInputField(_("The ‘from’ date"), EARLIEST_DATE, LATEST_DATE, label=_("From"))
    date_to = DateInputField(_("The ‘to’ date"), EARLIEST_DATE, LATEST_DATE, label=_("To"))

    def __init__(self, data, request):
        super().__init__(data)
        choices = cached_content(request, "event-filters", (), self.choices)
        self.fields["place"].choices = [("", _("All places")), *choices["place"]]
        self.fields["theme"].choices = [("", _("All themes")), *choices["theme"]]

    @staticmethod
    def choices():
        """The places and the themes that have events: two queries, kept per content version."""
        return {
            "place": PlacePage.objects.slug_choices(),
            "theme": list(
                Theme.objects.filter(events__isnull=False)
                .distinct()
                .order_by("name")
                .values_list("slug", "name")
            ),
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The ‘to’ date must be the same as or after the ‘from’ date"))
            self.fields["date_to"].error_parts = set(DATE_PARTS)
        return cleaned

    def has_date_range(self):
        return bool(self.cleaned_data.get("date_from") or self.cleaned_data.get("date_to"))

    def filter(self, events):
        data = self.cleaned_data
        if data.get("place"):
            events = events.filter(places=data["place"])
        if data.get("theme"):
            events = events.filter(themes__slug=data["theme"])
        if data.get("format"):
            events = events.filter(format=data["format"])
        if data.get("date_from"):
            events = events.filter(end__gte=_local_midnight(data["date_from"]))
        if data.get("date_to"):
            events = events.filter(start__lt=_local_midnight(data["date_to"] + datetime.timedelta(days=1)))
        return events.distinct()


def _local_midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min), LONDON)
