"""Public forms of the discussion: comment (and reply) and report. All plain text, validated on the
server with messages that say what to fix; what was typed is kept on error."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from site_home.forms import PlaceChoiceField
from site_home.models import Theme
from surveys.feedback.forms_base import PublicForm
from surveys.feedback.models.comments import BODY_MAX_LENGTH
from surveys.feedback.models.settings import Publishing
from surveys.models import Comment, Follow, Report


class CommentForm(PublicForm):
    display_name = forms.CharField(
        label=_("Your name"),
        help_text=_("Shown with your comment. You can use your first name or a nickname."),
        max_length=80,
        error_messages={
            "required": _("Enter the name to show with your comment"),
            "max_length": _("Your name must be 80 characters or fewer"),
        },
    )
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("Never shown."),  # completed in __init__ with what the address is really used for
        max_length=254,
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )
    body = forms.CharField(
        label=_("Your comment"),
        # help_text and the max_length message name the limit: set in __init__, in the reader's language.
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=BODY_MAX_LENGTH,
        error_messages={"required": _("Enter your comment")},
    )
    stance = forms.ChoiceField(
        label=_("Are you for or against?"),
        choices=Comment.Stance.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    category = forms.ChoiceField(
        label=_("What kind of comment is it?"),
        choices=Comment.Category.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    place = PlaceChoiceField(
        label=_("Where do you live or work? (optional)"),
        required=False,
        empty_label=_("I would rather not say"),
    )
    notify_on_outcome = forms.BooleanField(label=_("Email me when the outcome is published"), required=False)
    # Chosen on the form; a post without it (an older form still open in a tab) keeps the old rule.
    publication = forms.ChoiceField(
        label=_("May we publish your comment?"),
        help_text=_("Staff read every comment, whatever you choose."),
        choices=Comment.Publication.choices,
        initial=Comment.Publication.NAMED,
        widget=forms.RadioSelect,
        required=False,
    )
    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree to my comment being published as I chose"),
        error_messages={"required": _("Tick the box to say you have read the privacy notice")},
    )
    official = forms.BooleanField(label=_("Post as the organisation's official response"), required=False)
    page_id = forms.IntegerField(widget=forms.HiddenInput)
    section_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    section_label = forms.CharField(widget=forms.HiddenInput, required=False, max_length=255)
    theme_id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    parent_id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    return_to = forms.CharField(widget=forms.HiddenInput, required=False, max_length=255)

    def __init__(self, *args, page, user=None, is_reply=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        limit = f"{BODY_MAX_LENGTH:,}"
        body = self.fields["body"]
        body.help_text = gettext("Plain text, up to %(limit)s characters. Links are not clickable.") % {
            "limit": limit
        }
        # Django fills in %(show_value)d, the length of what was typed, when the message is shown.
        body.error_messages["max_length"] = gettext(
            "Your comment must be %(limit)s characters or fewer (it has %(show_value)d)"
        ).replace("%(limit)s", limit)
        if not getattr(page, "allow_stance", False) or is_reply:
            del self.fields["stance"]
        if not getattr(page, "allow_category", False) or is_reply:
            del self.fields["category"]
        if is_reply or not getattr(page, "offers_outcome_email", False):
            del self.fields["notify_on_outcome"]
        self.fields["email"].help_text = email_hint(page, "notify_on_outcome" in self.fields)
        if is_reply:
            self.fields["publication"].choices = Comment.Publication.choices[:2]
        if user is None or not user.has_perm("surveys.post_official_response"):
            del self.fields["official"]
        else:
            # Staff post as themselves: name and email come from their account when left empty.
            self.fields["email"].required = False
            self.fields["display_name"].required = False
            self.fields["consent"].required = False
            self.user = user

    def clean_theme_id(self):
        # A hidden field: drop an id that does not exist rather than fail on save.
        theme_id = self.cleaned_data.get("theme_id")
        return theme_id if theme_id and Theme.objects.filter(pk=theme_id).exists() else None

    def clean_publication(self):
        return self.cleaned_data.get("publication") or Comment.Publication.NAMED

    def clean(self):
        data = super().clean()
        if "official" in self.fields:
            data["display_name"] = data.get("display_name") or self.user.get_full_name() or gettext("Staff")
            data["email"] = data.get("email") or self.user.email
        return data


def email_hint(page, offers_outcome):
    """What the address is used for on this page, and nothing it is not used for."""
    mode = page.publishing_mode() if hasattr(page, "publishing_mode") else Publishing.IMMEDIATE
    hints = EMAIL_HINTS_WITH_OUTCOME if offers_outcome else EMAIL_HINTS
    return hints.get(mode, hints[Publishing.MODERATE])


# Whole sentences, so each language can say them its own way.
EMAIL_HINTS = {
    Publishing.CONFIRM: _("Never shown. We email you a link to confirm your comment."),
    Publishing.IMMEDIATE: _(
        "Never shown. We only use it if a moderator needs to contact you about your comment."
    ),
    Publishing.MODERATE: _("Never shown. We email you when a moderator has published your comment."),
}
EMAIL_HINTS_WITH_OUTCOME = {
    Publishing.CONFIRM: _(
        "Never shown. We email you a link to confirm your comment and, if you ask, to tell you the outcome."
    ),
    Publishing.IMMEDIATE: _(
        "Never shown. We only use it if a moderator needs to contact you about your comment and, if you "
        "ask, to tell you the outcome."
    ),
    Publishing.MODERATE: _(
        "Never shown. We email you when a moderator has published your comment and, if you ask, to tell "
        "you the outcome."
    ),
}


class ReportForm(PublicForm):
    reason = forms.ChoiceField(
        label=_("Why should a moderator look at this comment?"),
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select why you are reporting this comment")},
    )
    details = forms.CharField(
        label=_("Anything else we should know? (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
        error_messages={"max_length": _("Keep it to 1,000 characters or fewer (it has %(show_value)d)")},
    )
    return_to = forms.CharField(widget=forms.HiddenInput, required=False, max_length=255)


class FollowForm(PublicForm):
    """Follow a place, a consultation (`page_id`) or a theme (`theme_id`) by email alone."""

    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    frequency = forms.ChoiceField(
        label=_("How often should we email you?"),
        choices=Follow.Frequency.choices,
        initial=Follow.Frequency.IMMEDIATE,
        widget=forms.RadioSelect,
    )
    page_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    theme_id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, target_label="", **kwargs):
        super().__init__(*args, **kwargs)
        if target_label:
            self.fields["email"].help_text = gettext("We will email you about %(target)s, nothing else.") % {
                "target": target_label
            }
