"""The base of the listings' filter forms, read from GET so every filtered list is a bookmarkable
(and cacheable) URL. Values that match nothing are ignored rather than shown as errors."""

from django import forms


class FilterForm(forms.Form):
    def active_params(self):
        """{field: value as given} of the filters in use, as a link repeats them (a place's slug, not
        the place); an unknown value is dropped, the others still filter."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: self[name].data for name, value in self.cleaned_data.items() if value}
