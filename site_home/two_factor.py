"""Two-factor sign-in for the admin: an authenticator app (TOTP) plus one-time backup codes.

Built on django-otp (its OTPMiddleware gives `request.user.is_verified()`), with a small Wagtail
integration here: set-up, verify and manage pages in the admin, and a middleware that sends a signed-in
member of staff to them before anything else.

- Required (ADMIN_TWO_FACTOR_REQUIRED, on by default) for superusers and for staff who can see residents'
  personal data; without a verified second factor `can_see_personal_data` answers False as well.
- Offered to everyone else from their account page; whoever has set it up is always asked for it.
- Lost the app? A backup code signs in once; an administrator can give a new one with
  `manage.py addstatictoken USERNAME`, or reset the person's two-factor sign-in from the Users
  listing ("Reset two-factor sign-in": a superuser, or staff who may change users, for anyone but
  a superuser), which is written to the audit log. They set up a new app at their next sign-in.

wagtail-2fa was the first choice but its 1.8.0 does not load on Wagtail 8 (it imports
`wagtail.users.widgets`, which Wagtail 8 removed), so this stays on django-otp directly.
"""

from base64 import b32encode
from urllib.parse import urlencode

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, get_user_model
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import Resolver404, path, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.widgets import Button
from wagtail.log_actions import log

from site_home.permissions import PERSONAL_DATA_PERMISSION, is_verified

BACKUP_CODES = 10
RESET_ACTION = "site_home.two_factor_reset"

# Reachable before the second factor: signing in and out, the two-factor pages, the admin's assets.
OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "two_factor_verify",
    "two_factor_setup",
}


def two_factor_required(user):
    """Whether this member of staff may do nothing before verifying a second factor."""
    return bool(
        settings.ADMIN_TWO_FACTOR_REQUIRED
        and user.is_authenticated
        and (user.is_superuser or user.has_perm(PERSONAL_DATA_PERMISSION))
    )


def _is_open(request):
    try:
        return resolve(request.path_info).url_name in OPEN_URL_NAMES
    except Resolver404:
        return False


class TwoFactorMiddleware:
    """After django-otp's OTPMiddleware: a signed-in user who must (or chose to) use a second factor and
    has not yet verified it this session is sent to verify it, or to set it up, from any page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not is_verified(user) and not _is_open(request):
            has_device = user_has_device(user)
            if has_device or two_factor_required(user):
                step = "two_factor_verify" if has_device else "two_factor_setup"
                return redirect_to_login(request.get_full_path(), login_url=reverse(step))
        return self.get_response(request)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).lower()


def _next_url(request):
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def new_backup_codes(user):
    """Replace the user's backup codes with fresh ones, shown once."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name="Backup codes")
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _number in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@never_cache
def verify(request):
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not user_has_device(user):
        return redirect(
            f"{reverse('two_factor_setup')}?{urlencode({REDIRECT_FIELD_NAME: _next_url(request)})}"
        )
    form = CodeForm(request.POST or None)
    if form.is_valid():
        # django-otp slows down repeated wrong codes per device (exponential back-off).
        device = match_token(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error(
            "code", gettext("That code is not right, or has been used. Check your app and try again.")
        )
    return render(request, "site_home/two_factor/verify.html", {"form": form, "next": _next_url(request)})


@never_cache
def setup(request):
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if user_has_device(user) and not is_verified(user):
        # Adding a device needs the second factor already held, or a stolen password could add one.
        return redirect_to_login(request.get_full_path(), login_url=reverse("two_factor_verify"))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()  # replaces an older app
            device.confirmed = True
            device.save()
            otp_login(request, device)
            return render(
                request,
                "site_home/two_factor/backup_codes.html",
                {"codes": new_backup_codes(user), "next": _next_url(request)},
            )
        form.add_error("code", gettext("That code is not right. Check the time on your phone and try again."))
    context = {
        "form": form,
        "next": _next_url(request),
        "qr_code": segno.make(device.config_url).svg_inline(scale=5, title=gettext("QR code for your app")),
        "secret": b32encode(device.bin_key).decode(),
        "required": two_factor_required(user),
    }
    return render(request, "site_home/two_factor/setup.html", context)


@never_cache
def manage(request):
    """The account page's two-factor settings: new backup codes, or turning it off where allowed."""
    user = request.user
    required = two_factor_required(user)
    if request.method == "POST":
        if request.POST.get("action") == "backup_codes" and user_has_device(user):
            return render(
                request,
                "site_home/two_factor/backup_codes.html",
                {"codes": new_backup_codes(user), "next": reverse("two_factor_manage")},
            )
        if request.POST.get("action") == "turn_off" and not required:
            TOTPDevice.objects.filter(user=user).delete()
            StaticDevice.objects.filter(user=user).delete()
        return redirect("two_factor_manage")
    static = StaticDevice.objects.filter(user=user).first()
    context = {
        "app": TOTPDevice.objects.filter(user=user, confirmed=True).first(),
        "backup_codes_left": static.token_set.count() if static else 0,
        "required": required,
    }
    return render(request, "site_home/two_factor/manage.html", context)


def can_reset(request_user, user):
    """Who may take away someone's second factor: a superuser, or staff who may change users
    (Wagtail's own permission for editing them), and only a superuser for a superuser."""
    if user.is_superuser and not request_user.is_superuser:
        return False
    user_model = get_user_model()._meta
    return request_user.is_superuser or request_user.has_perm(
        f"{user_model.app_label}.change_{user_model.model_name}"
    )


def remove_devices(user):
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()  # its backup codes go with it


@never_cache
def reset(request, user_id):
    """An administrator's reset of someone's two-factor sign-in, for a lost phone: their app and
    backup codes are removed (confirmed with a POST) and the reset is written to the audit log."""
    user = get_object_or_404(get_user_model(), pk=user_id)
    if not can_reset(request.user, user):
        # A plain 403, not the admin's redirect to the dashboard: a refused reset stays visible.
        return HttpResponseForbidden(gettext("You may not reset this person's two-factor sign-in."))
    if request.method == "POST":
        with transaction.atomic():
            remove_devices(user)
            log(instance=user, action=RESET_ACTION, user=request.user)
        messages.success(
            request, gettext("Two-factor sign-in reset for %(username)s.") % {"username": user.get_username()}
        )
        return redirect("wagtailusers_users:index")
    context = {
        "person": user,
        "has_device": user_has_device(user, confirmed=None),
        "required": two_factor_required(user),
    }
    return render(request, "site_home/two_factor/reset.html", context)


def admin_urls():
    return [
        path("two-factor/", manage, name="two_factor_manage"),
        path("two-factor/verify/", verify, name="two_factor_verify"),
        path("two-factor/setup/", setup, name="two_factor_setup"),
        path("two-factor/reset/<int:user_id>/", reset, name="two_factor_reset"),
    ]


def user_listing_buttons(user, request_user):
    """'Reset two-factor sign-in' in the More menu of each person in the admin's Users listing."""
    if can_reset(request_user, user):
        yield Button(
            gettext("Reset two-factor sign-in"),
            reverse("two_factor_reset", args=[user.pk]),
            icon_name="key",
            priority=90,
        )


def register_log_actions(actions):
    actions.register_action(
        RESET_ACTION,
        _("Reset two-factor sign-in"),
        _("Two-factor sign-in reset: app and backup codes removed"),
    )


def account_menu_item(request):
    return {
        "url": reverse("two_factor_manage"),
        "label": gettext("Two-factor sign-in"),
        "help_text": gettext("An authenticator app asked for at every sign-in, and backup codes."),
    }
