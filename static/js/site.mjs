// Community Voice front-end entry point (ES module, no bundler).
// Load with: <script type="module" src="{% static 'js/site.mjs' %}"></script>
// Built copy: static/js/site.mjs; GOV.UK Frontend is vendored next to it by
// scripts/build_assets.sh.
import { initAll } from "../vendor/govuk/govuk-frontend.min.js";

// base.html sets "js-enabled govuk-frontend-supported" on <body> before the
// first paint (GOV.UK's snippet, allowed by its hash in the CSP: see
// site_home/frontend.py); initAll() only sets up components where it is set.
initAll();

// Optional progressive enhancement: in a filter form marked
// <form data-cv-autosubmit>, changing a <select> submits the form.
// Keep the form's submit button visible (it is the no-JS and keyboard path),
// and tell users beforehand, for example in a hint linked by aria-describedby
// ("The list updates when you change a filter"), as WCAG 3.2.2 requires.
const FOCUS_KEY = "cv-autosubmit-focus";

for (const form of document.querySelectorAll("form[data-cv-autosubmit]")) {
  form.addEventListener("change", (event) => {
    const field = event.target;
    if (!(field instanceof HTMLSelectElement)) return;
    try {
      if (field.id) sessionStorage.setItem(FOCUS_KEY, field.id);
    } catch {
      // storage may be unavailable (private mode); focus restore is a nicety
    }
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit();
    } else {
      form.submit();
    }
  });
}

// After the reload, put focus back on the select that was changed, so
// keyboard and screen reader users do not lose their place.
try {
  const id = sessionStorage.getItem(FOCUS_KEY);
  if (id) {
    sessionStorage.removeItem(FOCUS_KEY);
    const field = document.getElementById(id);
    if (field && field.closest("form[data-cv-autosubmit]")) field.focus();
  }
} catch {
  // ignore
}
