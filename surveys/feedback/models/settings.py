from django.conf import settings as django_settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


class Publishing(models.TextChoices):
    """When a resident's comment appears: site-wide here, or chosen per page (DiscussionMixin)."""

    IMMEDIATE = "immediate", _("Published at once")
    CONFIRM = "confirm", _("After email confirmation")
    MODERATE = "moderate", _("After moderation")


@register_setting(icon="comment")
class FeedbackSettings(BaseSiteSetting):
    """Site-wide defaults for discussions; a page can choose its own publishing mode."""

    default_publishing = models.CharField(
        max_length=16,
        choices=Publishing.choices,
        default=Publishing.CONFIRM,
        help_text=_("When residents' comments appear, unless a page says otherwise."),
    )
    reports_to_hide = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text=_(
            "Hide a comment for moderation once reports of it come from this many different "
            "networks (homes, workplaces, libraries). Empty: the server default."
        ),
    )
    moderators_email = models.EmailField(
        blank=True,
        help_text=_("Told about new comments waiting for moderation. Empty: the site's contact email."),
    )

    # Headings give the fields' labels in the editor's language, without a migration.
    panels = [
        FieldPanel("default_publishing", heading=_("Default publishing")),
        FieldPanel("reports_to_hide", heading=_("Reports to hide")),
        FieldPanel("moderators_email", heading=_("Moderators email")),
    ]

    class Meta:
        verbose_name = _("feedback settings")

    @property
    def report_threshold(self):
        return self.reports_to_hide or django_settings.FEEDBACK_REPORTS_TO_HIDE
