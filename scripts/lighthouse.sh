#!/usr/bin/env bash
# `make lighthouse`: Lighthouse scores of the home, a review and an event page, served as in
# production (scripts/serve.sh: gunicorn, PostgreSQL, whitenoise) with the demo content.
# Lighthouse's default run: a mid-range phone on a throttled mobile network, simulated.
# Targets: accessibility 100 and performance at least 95 on each page; the command fails
# if one is missed. Writes bench/results/lighthouse.json and lighthouse.md; the full reports go to
# bench/results/tmp/ (git-ignored).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PY=${PY:-.venv/bin/python}
LIGHTHOUSE_VERSION=12.8.2
CHROME_PATH=${CHROME_PATH:-${CHROMIUM_PATH:-/usr/bin/chromium}}
export CHROME_PATH
PORT=${LIGHTHOUSE_PORT:-$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
BASE=http://127.0.0.1:$PORT
OUT=bench/results/tmp/lighthouse
mkdir -p "$OUT"

command -v node >/dev/null || { echo "make lighthouse needs Node.js 18 or newer (apt-get install nodejs npm)."; exit 1; }
[ -x "$CHROME_PATH" ] || { echo "make lighthouse needs Chromium at $CHROME_PATH (apt-get install chromium)."; exit 1; }
if [ ! -x .lighthouse/node_modules/.bin/lighthouse ]; then
  echo "Installing lighthouse@$LIGHTHOUSE_VERSION into .lighthouse/ ..."
  npm install --prefix .lighthouse --no-fund --no-audit --silent "lighthouse@$LIGHTHOUSE_VERSION"
fi

set -m  # the server gets its own process group, so one kill stops gunicorn and the task worker
PORT=$PORT PY=$PY WEB_CONCURRENCY=2 bash scripts/serve.sh > "$OUT/serve.log" 2>&1 &
server=$!
set +m
trap 'kill -- -$server 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  curl -fs -o /dev/null "$BASE/" && break
  kill -0 $server 2>/dev/null || { cat "$OUT/serve.log"; echo "The server did not start."; exit 1; }
  sleep 1
done

# From the sitemap: a review open for feedback (the heaviest page: a form per recommendation) and an
# event, so the script follows the demo content.
read -r review event < <(curl -fs "$BASE/sitemap.xml" | BASE=$BASE "$PY" -c '
import os, re, sys, urllib.parse, urllib.request
# Paths only: the site record may name another host or port than this server.
paths = (urllib.parse.urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", sys.stdin.read()))
urls = [os.environ["BASE"] + path for path in paths]
def pages(section):
    return [u for u in urls if re.search(rf"/{section}/[^/]+/$", u) and "/past/" not in u]
def open_for_feedback(url):
    return b"Send my view" in urllib.request.urlopen(url, timeout=30).read()
print(next(filter(open_for_feedback, pages("consultations"))), pages("events")[0])
')

pages=("home=$BASE/" "review=$review" "event=$event")
for entry in "${pages[@]}"; do
  name=${entry%%=*}
  url=${entry#*=}
  echo "Lighthouse: $name ($url)"
  .lighthouse/node_modules/.bin/lighthouse "$url" --quiet --output=json --output-path="$OUT/$name.json" \
    --only-categories=performance,accessibility,best-practices,seo \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
done

"$PY" - "$OUT" <<'PYEOF'
import json, sys
from pathlib import Path

out = Path(sys.argv[1])
rows, failed = [], []
for name in ("home", "review", "event"):
    report = json.loads((out / f"{name}.json").read_text())
    scores = {key: round(cat["score"] * 100) for key, cat in report["categories"].items()}
    audits = report["audits"]
    row = {
        "page": name,
        "url": report["finalDisplayedUrl"],
        **scores,
        "first_contentful_paint_ms": round(audits["first-contentful-paint"]["numericValue"]),
        "largest_contentful_paint_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "total_blocking_time_ms": round(audits["total-blocking-time"]["numericValue"]),
        "cumulative_layout_shift": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "transfer_kb": round(audits["total-byte-weight"]["numericValue"] / 1024, 1),
    }
    rows.append(row)
    if scores["accessibility"] < 100 or scores["performance"] < 95:
        failed.append(name)

results = Path("bench/results")
meta = {"lighthouse": json.loads((out / "home.json").read_text())["lighthouseVersion"],
        "form_factor": "mobile (Lighthouse default: simulated slow 4G, 4x CPU slowdown)"}
(results / "lighthouse.json").write_text(json.dumps({**meta, "pages": rows}, indent=2) + "\n")
head = ["page", "performance", "accessibility", "best-practices", "seo",
        "first_contentful_paint_ms", "largest_contentful_paint_ms", "total_blocking_time_ms",
        "cumulative_layout_shift", "transfer_kb"]
lines = [f"Lighthouse {meta['lighthouse']}, {meta['form_factor']}.", "",
         "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
lines += ["| " + " | ".join(str(row[key]) for key in head) + " |" for row in rows]
(results / "lighthouse.md").write_text("\n".join(lines) + "\n")
print("\n".join(lines))
if failed:
    sys.exit(f"Below target (accessibility 100, performance 95): {', '.join(failed)}")
PYEOF
