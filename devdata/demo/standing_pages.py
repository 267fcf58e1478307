"""The privacy notice, accessibility statement and community guidelines every public body needs."""

from site_home.models import StandardPage

from . import child_page

STANDING_PAGES = [
    (
        "privacy",
        "Privacy notice",
        "How we use the personal information you give us when you take part.",
        [
            ("heading", {"text": "What we collect", "level": "h2"}),
            (
                "paragraph",
                "<p>When you comment, answer a survey, book an event or share a story we ask for a name to show and an email address. We never publish your email address. You can always choose to appear as anonymous.</p>",
            ),
            ("heading", {"text": "Why we collect it", "level": "h2"}),
            (
                "paragraph",
                "<p>We use your email address to confirm your comment or booking, to tell you about the outcome of a consultation if you ask us to, and to contact you about a story you shared. Our lawful basis is your consent, which you can withdraw at any time by emailing us.</p>",
            ),
            ("heading", {"text": "How long we keep it", "level": "h2"}),
            (
                "paragraph",
                "<p>We remove names and email addresses two years after you gave them. What you said stays, without anything that identifies you, so that it can still shape decisions.</p>",
            ),
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
