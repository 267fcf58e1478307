from django import forms
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from site_home.filters import FilterForm
from site_home.forms import PlaceChoiceField
from site_home.models import PlacePage, Theme
from site_home.page_cache import cached_content
from surveys.feedback.forms_base import PublicForm

from .models import StorySubmission
from .uploads import clean_photo


class StoryFilterForm(FilterForm):
    """The filters on the story index, read from GET so every filtered list is a bookmarkable URL.
    Values that match nothing are ignored rather than shown as errors."""

    place = PlaceChoiceField(required=False, label=_("Place"))
    theme = forms.ChoiceField(required=False, label=_("Theme"))
    tag = forms.ChoiceField(required=False, label=_("Tag"))

    def __init__(self, data, request):
        super().__init__(data)
        choices = cached_content(request, "story-filters", (), self.choices)
        self.fields["place"].choices = [("", _("All places")), *choices["place"]]
        self.fields["theme"].choices = [("", _("All themes")), *choices["theme"]]
        self.fields["tag"].choices = [("", _("All tags")), *choices["tag"]]

    @staticmethod
    def choices():
        """The places, themes and tags that have stories: three queries, kept per content version."""
        return {
            "place": PlacePage.objects.slug_choices(),
            "theme": list(Theme.objects.filter(stories__live=True).distinct().values_list("slug", "name")),
            "tag": list(
                Tag.objects.filter(stories_storypagetag_items__content_object__live=True)
                .distinct()
                .order_by("name")
                .values_list("slug", "name")
            ),
        }

    def filter(self, stories):
        params = self.active_params()
        if "place" in params:
            stories = stories.filter(place__slug=params["place"])
        if "theme" in params:
            stories = stories.filter(themes__slug=params["theme"])
        if "tag" in params:
            stories = stories.tagged(params["tag"])
        return stories.distinct() if params else stories

    def describe(self):
        """The active filters in words, for the results heading."""
        params = self.active_params()
        labels = []
        for name in ("place", "theme", "tag"):
            if name in params:
                labels.append(dict(self.fields[name].choices)[params[name]])
        return labels


class StorySubmissionForm(PublicForm):
    title = forms.CharField(
        max_length=120,
        label=_("Give your story a title"),
        help_text=_("For example ‘How the lunch club found me’."),
    )
    text = forms.CharField(
        label=_("Your story"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Tell it in your own words. Do not include other people’s names or contact details."),
    )
    place = PlaceChoiceField(label=_("Which place is your story about?"), empty_label=_("Choose a place"))
    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.none(),
        required=False,
        label=_("What is it about? (optional)"),
        widget=forms.CheckboxSelectMultiple,
    )
    display_name = forms.CharField(
        max_length=80,
        required=False,
        label=_("The name to show with your story (optional)"),
        help_text=_("For example ‘Margaret, Ashgrove’. Leave it empty to appear as ‘Anonymous’."),
    )
    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("We only use it to tell you about your story. It is never published."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    photo = forms.FileField(
        required=False,
        label=_("A photo (optional)"),
        help_text=_(
            "A JPEG, PNG or WebP image, at least 400 pixels wide and smaller than 10 MB. We remove location "
            "data from it. If there is a problem with the form you will need to choose the photo again."
        ),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    photo_alt = forms.CharField(
        max_length=250,
        required=False,
        label=_("Describe your photo (needed if you add one)"),
        help_text=_(
            "For people who cannot see it, for example ‘Volunteers planting bulbs outside the hall’."
        ),
    )
    consent_publish = forms.BooleanField(
        label=_("I agree to my story (and photo, if I added one) being published on this website"),
        error_messages={"required": _("Tick the box to agree to your story being published")},
    )
    consent_contact = forms.BooleanField(
        required=False,
        label=_("You may email me about my story, for example if it cannot be published"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.all()
        self.fields["title"].error_messages["required"] = _("Enter a title for your story")
        self.fields["text"].error_messages["required"] = _("Enter your story")
        self.fields["place"].error_messages["required"] = _("Choose the place your story is about")
        self.fields["email"].error_messages["required"] = _("Enter your email address")
        self.fields["email"].error_messages["invalid"] = _(
            "Enter an email address in the correct format, like name@example.org"
        )

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        return clean_photo(upload) if upload else None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("photo") and not cleaned.get("photo_alt", "").strip():
            self.add_error("photo_alt", _("Describe your photo for people who cannot see it"))
        return cleaned

    def save(self):
        data = self.cleaned_data
        submission = StorySubmission.objects.create(
            title=data["title"],
            text=data["text"],
            place=data["place"],
            display_name=data["display_name"].strip(),
            email=data["email"],
            photo_alt=data["photo_alt"].strip() if data.get("photo") else "",
            consent_publish=data["consent_publish"],
            consent_contact=data["consent_contact"],
        )
        if data.get("photo"):
            submission.photo.save(data["photo"].name, data["photo"], save=True)
        submission.themes.set(data["themes"])
        return submission
