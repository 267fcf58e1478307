"""How a response reached us: online, on paper, by phone or in the room at an event.

Staff enter responses received off line through the same questions and validation as residents
(surveys.builder.entry, consultations.entry); each keeps its channel and, optionally, the event it
came from. The event is a plain page link so that this engine never names the events app: the apps
that own events say which pages count as events through the `RESPONSE_EVENT_PAGES` hook.
"""

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page

ENTER_RESPONSES_PERMISSION = "surveys.enter_offline_responses"
RESPONSE_EVENT_PAGES = "response_event_pages"  # hook: fn() -> a queryset of event pages
ENTERED_ACTION = "surveys.enter_response"


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    PAPER = "paper", _("Paper")
    PHONE = "phone", _("Phone")
    EVENT = "event", _("At an event")


OFFLINE_CHANNELS = [choice for choice in Channel.choices if choice[0] != Channel.ONLINE]


class ChannelMixin(models.Model):
    """The channel a response came through, the event it came from and who entered it."""

    channel = models.CharField(
        _("channel"), max_length=8, choices=Channel.choices, default=Channel.ONLINE, db_index=True
    )
    event = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("event"),
        help_text=_("The event the response was given at."),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        abstract = True


def event_pages():
    """The pages staff may name as a response's event: those the event apps register, newest first."""
    condition = models.Q(pk__in=[])
    for hook in hooks.get_hooks(RESPONSE_EVENT_PAGES):
        condition |= models.Q(pk__in=hook().values("pk"))
    return Page.objects.filter(condition).order_by("-first_published_at", "title")


def can_enter_responses(user):
    return bool(user and user.is_authenticated and user.has_perm(ENTER_RESPONSES_PERMISSION))


class ChannelForm(forms.Form):
    """The channel and event fields of every staff entry screen."""

    channel = forms.ChoiceField(
        label=_("How did this response reach you?"), choices=OFFLINE_CHANNELS, widget=forms.RadioSelect
    )
    event = forms.ModelChoiceField(
        label=_("Event (optional)"),
        queryset=Page.objects.none(),
        required=False,
        help_text=_("The event where it was given, if any."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = event_pages()

    def channel_fields(self, user):
        return {
            "channel": self.cleaned_data["channel"],
            "event": self.cleaned_data.get("event"),
            "entered_by": user if user.is_authenticated else None,
        }
