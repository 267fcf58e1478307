#!/usr/bin/env bash
# Rebuild the committed front-end assets in static/ from pinned npm packages
# (package.json + package-lock.json). The site itself needs no Node at run time.
#
# Outputs (commit them):
#   static/css/site.css                          compiled from static_src/scss/site.scss
#   static/js/site.mjs                           copied from static_src/js/site.mjs
#   static/vendor/govuk/govuk-frontend.min.js    GOV.UK Frontend ES module, source-map comment removed
#
# No source maps are written or referenced: whitenoise's manifest storage fails
# on a missing .map file. No GOV.UK fonts (we use system fonts) and no GOV.UK
# images (crest, crown favicon and icons are GOV.UK's, not ours).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

GOVUK=node_modules/govuk-frontend/dist/govuk

npm ci --no-audit --no-fund

version="$(node -p 'require("govuk-frontend/package.json").version')"

# Remove previous outputs first so nothing stale survives (only paths we own).
rm -f static/css/site.css static/js/site.mjs
rm -rf static/vendor/govuk
mkdir -p static/css static/js static/vendor/govuk

npx --no-install sass --pkg-importer=node --style=compressed --no-source-map \
  static_src/scss/site.scss static/css/site.css

cp static_src/js/site.mjs static/js/site.mjs

{
  printf '/*! govuk-frontend %s | MIT licence | (c) Crown copyright | https://github.com/alphagov/govuk-frontend */\n' "$version"
  sed -e 's|//# sourceMappingURL=[^[:space:]]*||g' "$GOVUK/govuk-frontend.min.js"
} > static/vendor/govuk/govuk-frontend.min.js

# ---- checks ---------------------------------------------------------------
fail=0

if find static/css static/js static/vendor/govuk -name '*.map' | grep -q .; then
  echo "ERROR: .map files in output" >&2; fail=1
fi
if grep -l 'sourceMappingURL' static/css/site.css static/js/site.mjs \
     static/vendor/govuk/govuk-frontend.min.js; then
  echo "ERROR: sourceMappingURL reference in output" >&2; fail=1
fi
if grep -q -e '/assets/fonts' -e 'GDS Transport' -e '@font-face' static/css/site.css; then
  echo "ERROR: GOV.UK font reference in site.css" >&2; fail=1
fi
# Every url(...) in site.css must be a data: URI or a file under static/.
while IFS= read -r ref; do
  target="${ref#url(}"; target="${target%)}"
  target="${target#[\"\']}"; target="${target%[\"\']}"
  case "$target" in
    data:*) ;;
    /static/*)
      if [ ! -f "static/${target#/static/}" ]; then
        echo "ERROR: site.css refers to missing $target" >&2; fail=1
      fi ;;
    *) echo "ERROR: site.css refers to $target (not under /static/)" >&2; fail=1 ;;
  esac
done < <(grep -o 'url([^)]*)' static/css/site.css || true)

[ "$fail" -eq 0 ] || exit 1

css_bytes=$(wc -c < static/css/site.css)
css_gzip=$(gzip -9 -n -c static/css/site.css | wc -c)
echo "Built: static/css/site.css (${css_bytes} B, ${css_gzip} B gzip), static/js/site.mjs, static/vendor/govuk/govuk-frontend.min.js (govuk-frontend ${version})"
