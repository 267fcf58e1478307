from django import template

from surveys.feedback.discussions import DEFAULT_HEADING, thread_context

register = template.Library()


@register.inclusion_tag("surveys/discussion.html", takes_context=True)
def discussion(context, page, section_key="", section_label="", theme=None, heading=DEFAULT_HEADING):
    """{% discussion page section_key="" section_label="" theme=None heading="Comments" %}: a thread
    of published comments (sortable, paginated per thread) and the form to join it."""
    return thread_context(context["request"], page, section_key, section_label, theme, heading)
