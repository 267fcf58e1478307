"""Abuse protection shared by every public form (comments, surveys, bookings, story submissions).

- A honeypot field people never see: a bot that fills it is told "thank you" and nothing is stored.
- Per-client rate limits in Django's cache (Redis in production), answered with a readable 429 page.
- A daily allowance of emails per address (`may_email`), so a form cannot be used to flood
  someone's inbox from many networks.
- Size limits come from each form's max_length; text is stored as plain text and escaped on output.
"""

from datetime import timedelta

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited

from site_home.people import client_network

HONEYPOT_FIELD = "website"


class HoneypotMixin(forms.Form):
    """Adds a hidden field that humans leave empty. Check `form.is_spam()` before saving."""

    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self):
        return bool(self.data.get(self.add_prefix(HONEYPOT_FIELD), "").strip())


def client_key(group, request):
    """The client's network for rate limits: its address, IPv6 by /64 (see site_home.people), so a
    client cannot step round a limit by picking another address in its own block."""
    return client_network(request)


def over_limit(request, group, rate):
    """True when this client has gone over `rate` (e.g. "10/m") for `group`; counts this request."""
    return is_ratelimited(request, group=group, key=client_key, rate=rate, method="POST", increment=True)


def rate_limited_response(request, what=None):
    """`what` completes "We have received a lot of … from your connection": pass it translated."""
    # Translators: completes "We have received a lot of … from your connection in a short time".
    what = what or gettext("messages")
    response = render(request, "429.html", {"what": what}, status=429)
    response["Retry-After"] = "60"
    return response


def may_email(record, now, per_day):
    """Count one more email from a public form to the address of `record` (a model with
    `emails_sent` and `emails_since`); False once the day's `per_day` are used. The caller stores
    both fields with an update(), not save(): a count nobody sees must not refresh cached pages."""
    if record.emails_since is None or now - record.emails_since >= timedelta(days=1):
        record.emails_since, record.emails_sent = now, 0
    if record.emails_sent >= per_day:
        return False
    record.emails_sent += 1
    return True
