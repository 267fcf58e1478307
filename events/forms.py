import datetime

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.functional import lazy
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
    return (
        "I agree that the organisers may keep my details to manage this booking and contact me about it. "
        f"They are deleted {days} after the event (any access needs the day after) and never published."
    )


CONSENT_LABEL = lazy(_consent_label, str)()


class ContactForm(PublicForm):
    """Name and email, as every event form asks them; emails compared in lower case."""

    email_help = ""

    name = forms.CharField(
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": "Enter your name"},
    )
    email = forms.EmailField(
        label="Email address",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = self.email_help

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class BookingForm(ContactForm):
    email_help = (
        "We email you a link to confirm your booking. Once you have confirmed, we send the booking "
        "details and a link to change or cancel it."
    )

    places = forms.IntegerField(
        label="Number of places",
        min_value=1,
        initial=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
    )
    access_needs = forms.CharField(
        label="Access needs (optional)",
        required=False,
        max_length=1000,
        help_text="Tell us anything that would help you take part, such as a hearing loop, step-free "
        "access or an interpreter. Only the organisers see this.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    sessions = forms.ModelMultipleChoiceField(
        label="Which workshop would you like to join?",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consent = forms.BooleanField(
        label=CONSENT_LABEL,
        error_messages={"required": "Tick the box to agree to us keeping your details for this booking"},
    )

    def __init__(self, *args, event: EventPage, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        maximum = event.max_places_per_booking or 1
        places = self.fields["places"]
        places.max_value = maximum
        places.help_text = f"Up to {maximum} per booking."
        places.widget.attrs["max"] = maximum
        places.validators.append(MaxValueValidator(maximum))
        places.error_messages.update(
            {
                "required": "Enter the number of places",
                "invalid": "Enter the number of places as a number, like 2",
                "min_value": "Book at least 1 place",
                "max_value": f"You can book up to {maximum} places at once",
            }
        )
        bookable = [session for session in event.sessions.all() if session.is_bookable]
        if bookable:
            self.fields["sessions"].queryset = event.sessions.filter(pk__in=[s.pk for s in bookable])
            self.fields["sessions"].required = True
            self.fields["sessions"].error_messages["required"] = "Choose at least one workshop"
            self.fields["sessions"].label_from_instance = _session_label
        else:
            del self.fields["sessions"]


def _session_label(session):
    when = f"{session.start_time:%H:%M}: " if session.start_time else ""
    return f"{when}{session.title}"


class InterestForm(ContactForm):
    email_help = "We email you once, when the dates are set."

    consent = forms.BooleanField(
        label="I agree that the organisers may keep my name and email to tell me when the dates are set.",
        error_messages={"required": "Tick the box to agree to us keeping your details"},
    )


# Dates a visitor can filter on. Far past or future dates would overflow when turned into local
# midnights (date.max + one day does not exist), and no event is held there anyway.
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2999, 12, 31)


class EventFilterForm(forms.Form):
    """The listing's GET filters. Every field is optional; bad dates get a clear error and are ignored."""

    place = PlaceChoiceField(required=False, label="Place")
    theme = forms.ChoiceField(required=False, label="Theme")
    format = forms.ChoiceField(
        required=False, label="Format", choices=[("", "Any format"), *EventPage.Format.choices]
    )
    date_from = DateInputField(_("The ‘from’ date"), EARLIEST_DATE, LATEST_DATE, label=_("From"))
    date_to = DateInputField(_("The ‘to’ date"), EARLIEST_DATE, LATEST_DATE, label=_("To"))

    def __init__(self, data, request):
        super().__init__(data)
        choices = cached_content(request, "event-filters", (), self.choices)
        self.fields["place"].choices = [("", "All places"), *choices["place"]]
        self.fields["theme"].choices = [("", "All themes"), *choices["theme"]]

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
