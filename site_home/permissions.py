"""Residents' names and emails are personal data: only staff with this permission see or export them.
Every app checks it through can_see_personal_data(), so one group setting governs the whole site."""

from django.conf import settings

PERSONAL_DATA_PERMISSION = "site_home.view_personal_data"


def can_see_personal_data(user):
    if not (user and user.is_authenticated and user.has_perm(PERSONAL_DATA_PERMISSION)):
        return False
    # Only once the second factor is verified this session, where it is required (site_home/two_factor.py).
    return not settings.ADMIN_TWO_FACTOR_REQUIRED or is_verified(user)


def is_verified(user):
    """Whether this user has passed the second factor in this session."""
    check = getattr(user, "is_verified", None)  # installed by django-otp's OTPMiddleware
    return bool(check and check())
