from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from site_home.blocks import SocialLinkBlock


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Who runs the site and where its standing pages are (settings.site_home.SiteSettings in templates)."""

    organisation_name = models.CharField(max_length=120, default="Community Voice")
    tagline = models.CharField(max_length=200, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    postal_address = models.TextField(
        _("return address"),
        blank=True,
        help_text=_("Where people post printed surveys and response forms (printed on each paper copy)."),
    )
    social_links = StreamField([("link", SocialLinkBlock())], blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    guidelines_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("community guidelines page"),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("tagline"), FieldPanel("logo")],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_phone"), FieldPanel("postal_address")],
            heading=_("Contact"),
        ),
        FieldPanel("social_links"),
        MultiFieldPanel(
            [FieldPanel("privacy_page"), FieldPanel("accessibility_page"), FieldPanel("guidelines_page")],
            heading=_("Standing pages"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")
        # One permission for residents' names and emails, checked by every app's admin views and exports.
        permissions = [("view_personal_data", "Can see and export residents' personal data")]
