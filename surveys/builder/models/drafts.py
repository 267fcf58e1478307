"""A resident's answers so far on a survey asked one question per page (surveys/builder/
question_pages.py explains why they are kept on the server).

Only a keyed digest of the draft's token is stored: the token itself is in the resident's links
alone, so a copy of the database opens no draft. A draft nobody asked to keep is deleted a day
after it was last touched; one whose link was emailed, SURVEY_DRAFT_DAYS after that. Sending the
answers deletes the draft at once.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from site_home.retention import After, Delete, PersonalData, Rule

TOKEN_SALT = "surveys.draft"
SECRET_LENGTH = 32  # secrets.token_urlsafe(24)
UNSAVED_DRAFT_DAYS = 1


def draft_days():
    return getattr(settings, "SURVEY_DRAFT_DAYS", 30)


def token_digest(secret):
    return salted_hmac(TOKEN_SALT, secret, algorithm="sha256").hexdigest()


def signed(secret):
    """The secret and its signature, in what a Wagtail page address allows (letters, digits, _, -)."""
    return secret + signing.Signer(salt=TOKEN_SALT).signature(secret)


def unsigned(token):
    """The secret of a token; raises signing.BadSignature when it was altered."""
    secret = token[:SECRET_LENGTH]
    if len(secret) != SECRET_LENGTH or not constant_time_compare(signed(secret), token):
        raise signing.BadSignature("Draft token altered")
    return secret


def email_digest(email):
    return salted_hmac("surveys.draft.email", email.strip().lower(), algorithm="sha256").hexdigest()


class DraftLinkError(Exception):
    """A draft link that cannot be used; `reason` is "changed", "expired" or "gone"."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


class SurveyDraftQuerySet(models.QuerySet):
    def for_token(self, token, page):
        """The draft a link's token opens on `page`. A token that was altered is refused before
        any query; one whose draft has expired or was sent is told apart from it."""
        try:
            secret = unsigned(token)
        except signing.BadSignature:
            raise DraftLinkError("changed") from None
        draft = self.filter(page=page, token_digest=token_digest(secret)).first()
        if draft is None:
            raise DraftLinkError("gone")
        if draft.has_expired:
            raise DraftLinkError("expired")
        return draft

    def emailed_recently(self, email):
        since = timezone.now() - timedelta(days=1)
        return self.filter(email_key=email_digest(email), emailed_at__gte=since).count()


class SurveyDraft(models.Model):
    page = models.ForeignKey("surveys.SurveyPage", on_delete=models.CASCADE, related_name="drafts")
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    answers = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    email = models.EmailField(blank=True)
    email_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    emailed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = SurveyDraftQuerySet.as_manager()

    personal_data = PersonalData(
        fields=("answers", "email", "email_key"),
        rules=(
            Rule(
                "survey answers not saved for later",
                After("updated_at", days=UNSAVED_DRAFT_DAYS),
                Delete(),
                where=Q(emailed_at__isnull=True),
            ),
            Rule("survey answers saved for later", After("updated_at", days="SURVEY_DRAFT_DAYS"), Delete()),
        ),
    )

    class Meta:
        verbose_name = _("survey draft")

    def __str__(self):
        return f"Draft {self.pk} of {self.page_id}"

    def page_cache_scope(self, created):
        return None  # shows on no public page (site_home.cache_versions)

    def new_token(self):
        """A fresh token for this draft's links (an older one stops working); save() to keep it."""
        secret = secrets.token_urlsafe(24)
        self.token_digest = token_digest(secret)
        return signed(secret)

    @property
    def has_expired(self):
        days = draft_days() if self.emailed_at else UNSAVED_DRAFT_DAYS
        return self.updated_at < timezone.now() - timedelta(days=days)

    def keep(self, answers):
        self.answers = answers
        self.updated_at = timezone.now()
        self.save(update_fields=["answers", "updated_at"])
