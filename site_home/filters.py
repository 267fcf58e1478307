"""The base of the listings' filter forms, read from GET so every filtered list is a bookmarkable
(and cacheable) URL. Values that match nothing are ignored rather than shown as errors."""

from django import forms


class FilterForm(forms.Form):
    def active_params(self):
        """{field: value} of the filters in use; an unknown value is dropped, the others still filter."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}
