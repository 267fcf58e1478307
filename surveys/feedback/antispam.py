"""Abuse protection shared by every public form (comments, surveys, bookings, story submissions).

- A honeypot field people never see: a bot that fills it is told "thank you" and nothing is stored.
- Per-client rate limits in Django's cache (Redis in production), answered with a readable 429 page.
- Size limits come from each form's max_length; text is stored as plain text and escaped on output.
"""

from django import forms
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited

from site_home.people import client_network

HONEYPOT_FIELD = "website"


class HoneypotMixin(forms.Form):
    """Adds a hidden field that humans leave empty. Check `form.is_spam()` before saving."""

    website = forms.CharField(
        required=False,
        label="Leave this field empty",
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


def rate_limited_response(request, what="messages"):
    response = render(request, "429.html", {"what": what}, status=429)
    response["Retry-After"] = "60"
    return response
