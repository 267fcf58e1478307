"""Form fields every app shares."""

from django import forms

from .models import PlacePage


class SlugChoiceField(forms.ModelChoiceField):
    """A choice of row by its slug, as a filter's URL carries it (?theme=feeling-safe). The cleaned
    value is the row. A value no slug could be is simply not a choice: it never reaches the database
    (PostgreSQL refuses a NUL character in a query)."""

    def __init__(self, **kwargs):
        super().__init__(to_field_name="slug", **kwargs)

    def to_python(self, value):
        if value not in self.empty_values and (len(str(value)) > 255 or "\x00" in str(value)):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class PlaceChoiceField(SlugChoiceField):
    """The one way a form chooses a place: among the places the public may see, A to Z, by slug.

    Listings whose options are cached set `choices` to (slug, title) pairs; the database is then read
    only to clean a chosen slug."""

    def __init__(self, **kwargs):
        super().__init__(queryset=PlacePage.objects.none(), **kwargs)

    def __deepcopy__(self, memo):
        # Which places are visible is read for each form, never once for the class: a place
        # unpublished or restricted since start-up must not stay a choice.
        field = super().__deepcopy__(memo)
        field.queryset = PlacePage.objects.visible().order_by("title")
        return field

    def label_from_instance(self, obj):
        return obj.title
