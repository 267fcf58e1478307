"""Residents' names and emails are personal data: only staff with this permission see or export them.
Every app checks it through can_see_personal_data(), so one group setting governs the whole site."""

PERSONAL_DATA_PERMISSION = "site_home.view_personal_data"


def can_see_personal_data(user):
    return bool(user and user.is_authenticated and user.has_perm(PERSONAL_DATA_PERMISSION))
