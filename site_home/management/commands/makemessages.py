"""Django's makemessages, without gettext's fuzzy matching: a new string must never be filled in
with the translation of a different one that looks alike ("Share this story" offered the Welsh for
"Search this site"). Each new string waits, untranslated, for a translator."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
