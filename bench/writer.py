"""A resident writer for the mixed benchmark: posts forms at a steady rate while wrk reads pages.

    python bench/writer.py --base URL --targets targets.json --rate 2 --seconds 8 --output out.json

`targets.json` is a list of {"kind", "url", "body", "page"} (manage.py bench_writes); they are posted
in turn, each request with its own "{n}" (a new email, so a new comment or booking), no cookie (a new
participant: a vote or an "I agree" counts) and its own client address in X-Forwarded-For (a new
network /64, so no per-network cap is reached), with this site's Origin as a browser sends it.
Redirects are not followed: a 2xx or 3xx answer is an accepted write. The output counts them by kind
and lists each request's time and status so the fault runs can say what happened during an outage.
"""

import argparse
import json
import random
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def post(opener, base, target, number, address):
    body = target["body"].replace("{n}", number).encode()
    request = urllib.request.Request(
        base + target["url"],
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": base,
            "X-Forwarded-For": address,
            "Accept-Encoding": "gzip",
        },
    )
    try:
        with opener.open(request, timeout=10) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx and 5xx
        error.read()
        return error.code
    except OSError as error:
        return f"error: {type(error).__name__}"


def run(base, targets, rate, seconds):
    opener = urllib.request.build_opener(NoRedirect)
    run_id = f"{int(time.time())}{random.randrange(10**6):06d}"
    prefix = random.randrange(0x1000, 0xFFFF)  # this run's addresses: 2001:db8:PREFIX:N::1
    lock = threading.Lock()
    requests = []
    started = time.monotonic()

    def one(index):
        target = targets[index % len(targets)]
        sent = time.monotonic()
        status = post(opener, base, target, f"{run_id}x{index}", f"2001:db8:{prefix:x}:{index:x}::1")
        with lock:
            requests.append(
                {
                    "t": round(sent - started, 3),
                    "ms": round((time.monotonic() - sent) * 1000, 1),
                    "kind": target["kind"],
                    "status": status,
                }
            )

    total = int(rate * seconds)
    with ThreadPoolExecutor(32) as pool:  # slow writes do not hold the next ones back
        for index in range(total):
            delay = started + index / rate - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            pool.submit(one, index)
    # The clock the harness reads too (CLOCK_MONOTONIC is one per machine), so it can tell which
    # writes were answered during an outage.
    return {**summarise(requests, rate, seconds), "started_monotonic": started}


def accepted(status):
    return isinstance(status, int) and 200 <= status < 400


def summarise(requests, rate, seconds):
    requests.sort(key=lambda r: r["t"])
    by_kind = {}
    for request in requests:
        kind = by_kind.setdefault(request["kind"], {"sent": 0, "accepted": 0})
        kind["sent"] += 1
        kind["accepted"] += accepted(request["status"])
    statuses = {}
    for request in requests:
        key = str(request["status"])
        statuses[key] = statuses.get(key, 0) + 1
    latencies = sorted(r["ms"] for r in requests if accepted(r["status"]))
    return {
        "rate": rate,
        "seconds": seconds,
        "sent": len(requests),
        "accepted": sum(accepted(r["status"]) for r in requests),
        "server_errors": sum(isinstance(r["status"], int) and r["status"] >= 500 for r in requests),
        "statuses": statuses,
        "by_kind": by_kind,
        "p50_ms": latencies[len(latencies) // 2] if latencies else None,
        "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] if latencies else None,
        "requests": requests,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--targets", required=True)
    parser.add_argument("--rate", type=float, required=True)
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--output", required=True)
    args = parser.parse_args()
    with open(args.targets) as handle:
        targets = json.load(handle)
    result = run(args.base, targets, args.rate, args.seconds)
    with open(args.output, "w") as handle:
        json.dump(result, handle)


if __name__ == "__main__":
    main()
