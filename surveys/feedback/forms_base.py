"""The base for every public form: GOV.UK markup through crispy-forms-gds, honeypot included."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Layout, Size

from surveys.feedback.antispam import HONEYPOT_FIELD, HoneypotMixin

# Widgets crispy-forms-gds does not give the red error border to.
_UNMARKED_INPUT_TYPES = {"email", "number", "url", "tel", "date", "datetime-local", "search"}


class PublicForm(HoneypotMixin):
    """Render inside your own <form> with `{% include "components/form_fields.html" %}`, and put
    `{% include "components/error_summary.html" %}` at the top of the page: the summary links to each
    field, errors sit beside fields and what was typed is kept."""

    @property
    def helper(self):
        helper = FormHelper()
        helper.form_tag = False
        # The template prints {% form_token %}: a token only for visitors with a session (see
        # site_home.security), so crispy must not add one of its own.
        helper.disable_csrf = True
        helper.label_size = Size.SMALL
        helper.legend_size = Size.SMALL
        helper.layout = Layout(*[name for name in self.fields if name != HONEYPOT_FIELD])
        return helper

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            widget = self.fields[name].widget if name in self.fields else None
            if getattr(widget, "input_type", None) in _UNMARKED_INPUT_TYPES:
                classes = widget.attrs.get("class", "")
                widget.attrs["class"] = f"{classes} govuk-input--error".strip()
