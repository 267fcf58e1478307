"""Guessing limits for everything that takes a secret: page passwords, admin logins, password resets.

Every limit counts by `client_address` (site_home.clients), so TRUSTED_PROXY_COUNT decides for all.

- Wagtail's page passwords (`/_util/authenticate_with_password/…`): wrong passwords are counted per
  page and address, per address over all pages, and per page from everywhere together (a guess spread
  over many addresses). Past any of them the form answers 429 without looking at the password.
- Admin login: django-axes locks a username at one address (AXES_LOCKOUT_PARAMETERS); on top of that
  one address is locked after LOGIN_FAILURES_PER_ADDRESS failures over any usernames, so trying many
  usernames from one place is stopped too. Both answer with the same 429 page.
- Password reset emails: per address and per email address. The page says the same thing whether or
  not the address is known, and whether or not the limit was reached; past the limit nothing is sent.
"""

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext
from wagtail import views as wagtail_views
from wagtail.admin.forms.auth import PasswordResetForm

from site_home.clients import client_address
from site_home.throttle import Limit, first_retry_after, too_many_attempts_response


def page_password_limits(restriction_id, address):
    per_page_and_address = Limit("page-password", settings.PAGE_PASSWORD_FAILURE_LIMIT)
    per_address = Limit("page-password-address", settings.PAGE_PASSWORD_ADDRESS_FAILURE_LIMIT)
    per_page = Limit("page-password-page", settings.PAGE_PASSWORD_PAGE_FAILURE_LIMIT)
    return [
        (per_page_and_address, f"{restriction_id}:{address}"),
        (per_address, address),
        (per_page, str(restriction_id)),
    ]


def authenticate_with_password(request, page_view_restriction_id, page_id):
    """Wagtail's page-password form, refusing guessers before it checks the password."""
    if request.method != "POST":
        return wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    limits = page_password_limits(page_view_restriction_id, client_address(request))
    wait = first_retry_after(request, limits)
    if wait:
        return too_many_attempts_response(request, wait, gettext("wrong passwords"))
    response = wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    if response.status_code == 200:  # the form again: the password was wrong
        for limit, key in limits:
            limit.count(request, key)
    return response


def login_address_limit():
    return Limit("login-address", settings.LOGIN_FAILURES_PER_ADDRESS)


class LoginAddressBackend(AxesStandaloneBackend):
    """Axes' lockout check, plus a cap on failed logins from one address whatever the username."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is not None and settings.AXES_ENABLED:
            wait = login_address_limit().retry_after(request, client_address(request))
            if wait:
                request.axes_locked_out = True  # AxesMiddleware answers with login_lockout_response
                request.login_retry_after = wait
                raise AxesBackendPermissionDenied("Too many failed logins from this address")
        return super().authenticate(request, username=username, password=password, **kwargs)


def count_failed_login(sender, credentials, request=None, **kwargs):
    if request is not None and settings.AXES_ENABLED:
        login_address_limit().count(request, client_address(request))


def login_lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the same readable 429 as every other lockout, with Retry-After."""
    wait = getattr(request, "login_retry_after", None)
    if wait is None:
        cool_off = get_cool_off(request)
        wait = int(cool_off.total_seconds()) if cool_off else 60 * 60
    return too_many_attempts_response(request, wait, gettext("failed sign-in attempts"))


class ThrottledPasswordResetForm(PasswordResetForm):
    """WAGTAILADMIN_USER_PASSWORD_RESET_FORM: sends nothing past the limits, and says nothing either."""

    def save(self, *args, request=None, **kwargs):
        if request is not None:
            email = self.cleaned_data["email"].strip().lower()
            limits = [
                (
                    Limit("password-reset-address", settings.PASSWORD_RESETS_PER_ADDRESS),
                    client_address(request),
                ),
                (Limit("password-reset-email", settings.PASSWORD_RESETS_PER_EMAIL), email),
            ]
            if first_retry_after(request, limits):
                return
            for limit, key in limits:
                limit.count(request, key)
        super().save(*args, request=request, **kwargs)


def connect():
    user_login_failed.connect(count_failed_login, dispatch_uid="login-address-limit")
