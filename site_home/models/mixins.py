"""Page parts shared by several page types, each with its own editor panels (as torchbox.com does),
so a page type gains the fields, the panels and the behaviour in one line."""

from django.apps import apps
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel


class HeroImageMixin(models.Model):
    """A page's lead image and its text alternative: shown at the top of the page, on its cards, and
    as the picture when the page is shared (Open Graph)."""

    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_image_alt = models.CharField(
        _("hero image alt text"),
        max_length=250,
        blank=True,
        help_text=_("Describe the image for people who cannot see it. Leave empty only if it is decorative."),
    )

    hero_fields = ["hero_image", "hero_image_alt"]

    class Meta:
        abstract = True

    @classmethod
    def hero_panel(cls, *extra_fields):
        return MultiFieldPanel(
            [FieldPanel(name) for name in (*cls.hero_fields, *extra_fields)], heading=_("Hero image")
        )

    def get_social_image(self):
        return self.hero_image


CONTACT_HEADING = _("Contact")


class ContactDetailsMixin(models.Model):
    """Who residents can ask about a page (an event's organiser, a consultation's named contact),
    shown by components/contact_details.html. All optional: only what is filled in is shown."""

    contact_name = models.CharField(_("contact name"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)

    class Meta:
        abstract = True

    @classmethod
    def contact_panel(cls, *lead_fields, heading=CONTACT_HEADING):
        """The contact fields in one panel, after any of the page's own (who runs it, say)."""
        return MultiFieldPanel(
            [
                *(FieldPanel(name) for name in lead_fields),
                FieldPanel("contact_name"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
            ],
            heading=heading,
        )

    @property
    def has_contact_details(self):
        return bool(self.contact_name or self.contact_email or self.contact_phone)


def chosen_page_types(page_types):
    """Page chooser panels restricted to the page types a field expects, and the check that holds
    it on save (the chooser only offers them; a crafted form could still send another page):
    `{field: ("app.Model", ...)}` -> (panels, clean function)."""

    def clean(instance):
        errors = {}
        for name, labels in page_types.items():
            page = getattr(instance, name)
            if page is not None and page.specific_class._meta.label not in labels:
                separator = f" {gettext('or')} "
                kinds = separator.join(str(apps.get_model(label)._meta.verbose_name) for label in labels)
                errors[name] = gettext("Choose a page of this kind: %(kinds)s.") % {"kinds": kinds}
        return errors

    panels = {name: PageChooserPanel(name, list(labels)) for name, labels in page_types.items()}
    return panels, clean
