"""The one inline script on public pages, and its hash for the Content-Security-Policy.

GOV.UK Frontend styles components differently once `govuk-frontend-supported` is on <body> (the
header's navigation collapses behind a menu button on small screens, for example). Set from the
deferred module script, the class arrived after the first paint and the page jumped (Lighthouse
measured a cumulative layout shift of 0.17). GOV.UK's own template sets it with this snippet right
after <body>; the policy allows exactly this text by its hash, so there is still no 'unsafe-inline'.
No Django imports: the settings read the hash.
"""

import base64
import hashlib

BODY_CLASS_SCRIPT = (
    "document.body.className += ' js-enabled' + "
    "('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');"
)
_DIGEST = base64.b64encode(hashlib.sha256(BODY_CLASS_SCRIPT.encode()).digest()).decode()
BODY_CLASS_SCRIPT_HASH = f"'sha256-{_DIGEST}'"
