"""The in-process half of the benchmark, run by tools/bench/run.py once per data size.

Under the settings gunicorn gets (bench.settings: production's, DEBUG off), in one process
with Django's test client: find the URLs (bench.discover), sign in a back-office account
(both factors, as production requires) and keep its session for wrk, then for each URL
count the queries of one warm request (CaptureQueriesContext) and time `--repeat` more
(p50/p95 of the whole request through the middleware, streaming bodies read to the end).
Writes one JSON file; also the German overview's HTML as the static file nginx serves.

    DJANGO_SETTINGS_MODULE=bench.settings PYTHONPATH=tools python tools/bench/inprocess.py \
        --output result.json --static-copy overview.html
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tools")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.models import Page  # noqa: E402

from bench import discover, memory, office, shape, stats  # noqa: E402
from citypartners.activities.models import Activity  # noqa: E402
from citypartners.organisations.models import Organisation  # noqa: E402
from citypartners.partnerships.models import City, Partnership  # noqa: E402
from citypartners.projects.models import Project  # noqa: E402


def _get(client: Client, url: str, *, keep: bool = False):
    """One GET as a browser behind nginx sends it, the body read to the end: the response
    and the body's size in bytes (and the body itself with ``keep``). A streamed body is read
    piece by piece and not kept, as a worker sends it: holding a million-row download here
    would measure the harness's memory, not the site's."""
    response = client.get(url, secure=True)
    if response.streaming:
        size, kept = 0, []
        for piece in response.streaming_content:
            size += len(piece)
            if keep:
                kept.append(piece)
        body = b"".join(kept)
    else:
        body = response.content
        size = len(body)
    # No response.close(): the test client closed it (a stream when it ended); a second close
    # would close the database connection too, and every request would connect anew.
    return response, (body if keep else size)


def measure(client: Client, entry: dict, *, repeat: int, budget: float, warmup: int) -> dict:
    """Status, size, queries and the time of `repeat` requests (fewer when the time budget
    is spent: at least 3, so that a slow URL cannot hold up the run; none when `repeat` is
    0, for the query count alone)."""
    row = dict(entry)
    if row.get("error") or not row.get("url"):
        return row
    for _ in range(max(warmup, 1)):
        response, size = _get(client, row["url"])
    row["status"] = response.status_code
    row["bytes"] = size
    row["content_type"] = response.get("Content-Type", "")
    if response.status_code != 200:
        row["error"] = f"status {response.status_code}"
        return row
    memory.reset_peak()
    with CaptureQueriesContext(connection) as queries:
        _get(client, row["url"])
    row["queries"] = len(queries)
    row["peak_rss_mb"] = memory.peak_mb()
    if repeat == 0:
        return row
    times = []
    started = time.perf_counter()
    while len(times) < repeat:
        before = time.perf_counter()
        _get(client, row["url"])
        times.append((time.perf_counter() - before) * 1000)
        if len(times) >= 3 and time.perf_counter() - started > budget:
            break
    row["n"] = len(times)
    row["p50_ms"] = stats.percentile(times, 50)
    row["p95_ms"] = stats.percentile(times, 95)
    return row


def sizes() -> dict:
    """How big the data is, for the report's heading."""
    return {
        "partnerships": Partnership.objects.count(),
        "cities": City.objects.count(),
        "activities": Activity.objects.count(),
        "organisations": Organisation.objects.count(),
        "projects": Project.objects.count(),
        "pages": Page.objects.filter(depth__gt=1).count(),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", required=True, type=Path)
    parser.add_argument("--static-copy", type=Path, help="write the overview's HTML here")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--budget", type=float, default=8.0, help="seconds per URL at most")
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument(
        "--hurry-after",
        type=float,
        help="a Unix time: after it, each URL gets one warm-up and 3 timed requests",
    )
    parser.add_argument(
        "--queries-only",
        action="store_true",
        help="count each URL's queries, time nothing (the comparison of the two sizes)",
    )
    parser.add_argument(
        "--fill-lists",
        action="store_true",
        help="first give the measured city pages a project (bench.shape), as the test does",
    )
    args = parser.parse_args(argv)
    if args.fill_lists:
        filled = shape.fill_city_page_lists()
        print(f"  lists filled: {filled or 'nothing was missing'}", flush=True)

    host = settings.ALLOWED_HOSTS[0].lstrip(".")
    session_key = office.signed_in_session()
    public = Client(HTTP_HOST=host, HTTP_X_FORWARDED_PROTO="https")
    editor = Client(HTTP_HOST=host, HTTP_X_FORWARDED_PROTO="https")
    editor.cookies[settings.SESSION_COOKIE_NAME] = session_key

    entries = discover.discover(public)
    rows = []
    for entry in entries:
        client = editor if entry.get("auth") else public
        hurry = args.hurry_after is not None and time.time() > args.hurry_after
        row = measure(
            client,
            entry,
            repeat=0 if args.queries_only else 3 if hurry else args.repeat,
            budget=args.budget,
            warmup=1 if hurry else args.warmup,
        )
        if hurry:
            row["hurried"] = True
        rows.append(row)
        shown = (
            f"{row.get('p95_ms', 0):7.1f} ms p95"
            if "p95_ms" in row
            else f"{row['queries']:4} queries"
            if "queries" in row
            else row.get("error")
        )
        print(f"  {row['group']:12} {row['name'][:40]:40} {shown}", flush=True)

    if args.static_copy:
        home = f"HomePage ({discover.languages()[0]})"
        overview = next(r for r in rows if r["name"] == home)
        _response, body = _get(public, overview["url"], keep=True)
        args.static_copy.write_bytes(body)

    args.output.write_text(
        json.dumps(
            {
                "sizes": sizes(),
                "host": host,
                "session_cookie": f"{settings.SESSION_COOKIE_NAME}={session_key}",
                "rows": rows,
            },
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
