"""The privacy notice, accessibility statement and community guidelines every public body needs."""

from django.conf import settings

from site_home.models import StandardPage
from site_home.retention import in_words

from . import child_page


def how_long_we_keep_it():
    """What the retention rules do (docs/operations.md), in residents' words, from the same settings."""
    kept = in_words(settings.PERSONAL_DATA_RETENTION_DAYS)
    event = in_words(settings.EVENT_PERSONAL_DATA_RETENTION_DAYS)
    logs = in_words(settings.LOG_RETENTION_DAYS)
    return (
        "<p>We keep what identifies you only as long as we need it; a daily job removes it when that "
        "time is up.</p><ul>"
        f"<li>Comments: your name and email address are removed {kept} after you wrote. What you said "
        "stays, shown as Anonymous, so that it can still shape decisions. If you never confirm a comment, "
        "your email address goes when the confirmation link expires.</li>"
        f"<li>Surveys: your answers about you and your email address are removed {kept} after you "
        "answered. Your other answers stay, without anything that identifies you.</li>"
        f"<li>Stories you send us: your story, your email address and any photo are deleted {kept} "
        "after you sent them. A story we publish stays on the site with the name you chose.</li>"
        f"<li>Event bookings and requests to hear about an event's dates: deleted {event} after the "
        "event. Any access needs you tell us are deleted the day after it.</li>"
        "<li>\u201cI agree\u201d, reports, and agree or disagree answers: the anonymous code that lets each "
        f"person count once is removed {kept} later. The counts stay.</li>"
        "<li>Emails we send you: the copy kept to send it is removed within a day of sending, and the "
        f"record that it was sent after {logs}.</li></ul>"
    )


STANDING_PAGES = [
    (
        "privacy",
        "Privacy notice",
        "How we use the personal information you give us when you take part.",
        [
            ("heading", {"text": "What we collect", "level": "h2"}),
            (
                "paragraph",
                "<p>When you comment, answer a survey, book an event or share a story we ask for a name to show and an email address. We never publish your email address. You can always choose to appear as anonymous. When you book an event you may tell us about access needs, which can be health information: only staff allowed to see personal data see them, to run the event.</p>",
            ),
            ("heading", {"text": "Why we collect it", "level": "h2"}),
            (
                "paragraph",
                "<p>We use your email address to confirm your comment or booking, to tell you about the outcome of a consultation if you ask us to, and to contact you about a story you shared. Our lawful basis is your consent, which you can withdraw at any time by emailing us.</p>",
            ),
            ("heading", {"text": "How long we keep it", "level": "h2"}),
            ("paragraph", how_long_we_keep_it()),
            ("heading", {"text": "Cookies", "level": "h2"}),
            (
                "paragraph",
                "<p>This site sets no tracking or advertising cookies. When you agree, vote or report a comment, we set one cookie holding a random number, so that your vote counts once; it says nothing about you and expires after a year. A single security cookie is set only on pages with a form, to protect what you send us.</p>",
            ),
        ],
    ),
    (
        "accessibility",
        "Accessibility statement",
        "How accessible this website is and how to tell us about problems.",
        [
            ("heading", {"text": "Using this website", "level": "h2"}),
            (
                "paragraph",
                "<p>We want as many people as possible to be able to use this website. You should be able to zoom in up to 400% without text spilling off the screen, navigate the whole site using just a keyboard or speech recognition software, and listen to it with a screen reader.</p>",
            ),
            ("heading", {"text": "Compliance status", "level": "h2"}),
            (
                "paragraph",
                "<p>We test every public page against the Web Content Accessibility Guidelines version 2.2 AA standard with automated checks on each change, and with manual keyboard testing of the main journeys.</p>",
            ),
            ("heading", {"text": "Reporting problems", "level": "h2"}),
            (
                "paragraph",
                "<p>If you find a problem or need information in a different format, such as large print, easy read or audio, contact us and we will reply within five working days.</p>",
            ),
        ],
    ),
    (
        "community-guidelines",
        "Community guidelines",
        "How we keep discussions on this site useful, respectful and safe.",
        [
            ("heading", {"text": "Be respectful", "level": "h2"}),
            (
                "paragraph",
                "<p>Disagree with ideas, not people. We remove comments that are abusive, discriminatory or that target an individual.</p>",
            ),
            ("heading", {"text": "Keep it about the topic", "level": "h2"}),
            (
                "paragraph",
                "<p>Comments should be about the consultation, story or event they sit under. Advertising and spam are removed.</p>",
            ),
            ("heading", {"text": "Keep personal details private", "level": "h2"}),
            (
                "paragraph",
                "<p>Do not post phone numbers, addresses or other personal details, yours or anyone else's.</p>",
            ),
            ("heading", {"text": "How moderation works", "level": "h2"}),
            (
                "paragraph",
                "<p>Anyone can report a comment. A comment reported by several people is hidden until a moderator has looked at it. If we reject a comment we tell the person why.</p>",
            ),
        ],
    ),
]


def build_standing_pages(home):
    pages = {}
    for slug, title, summary, body in STANDING_PAGES:
        page, _ = child_page(home, StandardPage, slug, title=title, summary=summary, body=body)
        pages[slug] = page
    return pages
