from django import template

from surveys.feedback.following import follow_form

register = template.Library()


@register.inclusion_tag("surveys/includes/follow_form.html", takes_context=True)
def follow_form_for(context, page=None, theme=None, intro=""):
    """{% follow_form_for page=page %} or {% follow_form_for theme=theme %}: the same blank form for
    every visitor (no query, nothing about who follows), so the page around it stays cacheable."""
    name = theme.name if theme is not None else page.title
    initial = {"theme_id": theme.pk} if theme is not None else {"page_id": page.pk}
    return {
        "request": context.get("request"),
        "form": follow_form(target_label=name, initial=initial),
        "target_name": name,
        "intro": intro,
    }
