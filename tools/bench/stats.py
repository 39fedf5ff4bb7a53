"""The pure parts of the benchmark: percentiles, ratios, wrk's output, the tables.

No Django, no processes: tools/bench/tests/test_stats.py tests all of it without running
anything, so that `make test` covers the arithmetic the published figures rest on.
"""

import math
import re
import statistics

# The goals of issue 13 that a row is held to (reported, never failed on).
P95_GOAL_MS = 100.0
SEARCH_P95_GOAL_MS = 200.0


def percentile(values, q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation between the closest ranks
    (numpy's default method), so that p50 of an even count is the mean of the middle two."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} is not between 0 and 100")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    below = math.floor(position)
    above = math.ceil(position)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def ratio(value: float | None, reference: float | None) -> float | None:
    """value / reference, or None when either is missing or the reference is zero."""
    if value is None or not reference:
        return None
    return value / reference


def reference_rate(rounds) -> float | None:
    """The requests/s of a reference over the rounds measured through the run: the median,
    so that one round disturbed by another engineer's tests does not move every ratio."""
    rates = [r for r in rounds if r]
    return statistics.median(rates) if rates else None


def drift(rounds) -> float | None:
    """How far the reference moved during the run: highest round / lowest round (1.0 is
    steady). A large drift means the machine's load changed and the ratios are rougher."""
    rates = [r for r in rounds if r]
    if len(rates) < 2:
        return None
    return max(rates) / min(rates)


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def parse_wrk(output: str) -> dict:
    """wrk's (4.x) summary as numbers: requests/s, requests, the latency distribution (ms,
    with --latency), socket errors and non-2xx/3xx responses."""
    found = {"requests_per_s": None, "requests": None, "errors": 0, "non_2xx_3xx": 0}
    match = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M)
    if match:
        found["requests_per_s"] = float(match.group(1))
    match = re.search(r"^\s*(\d+) requests in ", output, re.M)
    if match:
        found["requests"] = int(match.group(1))
    match = re.search(r"^\s*Non-2xx or 3xx responses:\s+(\d+)", output, re.M)
    if match:
        found["non_2xx_3xx"] = int(match.group(1))
    match = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if match:
        found["errors"] = sum(int(n) for n in match.groups())
    for name in ("50", "90", "99"):
        match = re.search(rf"^\s+{name}%\s+([\d.]+(?:us|ms|s|m))\s*$", output, re.M)
        if match:
            found[f"latency_p{name}_ms"] = _milliseconds(match.group(1))
    return found


def wrk_seconds(p50_ms: float | None, *, workers: int, least: int, most: int, requests: int) -> int:
    """How long wrk runs on a URL: `least` seconds, longer for a slow URL so that about
    `requests` requests complete (a rate from three requests says little), at most `most`.

    On 2 cores, gunicorn's workers make about one page each at a time whatever their threads
    (the work is CPU-bound), so a URL whose page takes p50 ms makes about workers / p50
    requests a second; half that again for the CPU that wrk and the other worker take.
    """
    if not p50_ms:
        return least
    needed = requests * (p50_ms / 1000) / workers * 1.5
    return int(min(max(least, math.ceil(needed)), most))


def over_goal(row: dict) -> bool:
    """Whether a row's in-process p95 is above the issue's goal (200 ms for search, 100 ms
    for everything else)."""
    p95 = row.get("p95_ms")
    if p95 is None:
        return False
    goal = SEARCH_P95_GOAL_MS if row.get("group") == "search" else P95_GOAL_MS
    return p95 > goal


def _number(value, digits: int = 0, suffix: str = "") -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}{suffix}"


def _ratio(value) -> str:
    """Two decimals, or two significant digits below 0.1 (nginx's multiples are small),
    never in exponent notation."""
    if value is None:
        return "–"
    if value >= 0.1 or value == 0:
        return f"{value:.2f}×"
    return f"{value:.{1 - math.floor(math.log10(value))}f}×"


COLUMNS = [
    "group",
    "what",
    "URL",
    "queries",
    "p50 ms",
    "p95 ms",
    "req/s",
    "× stock",
    "cached req/s",
    "cached × stock",
    "front req/s",
    "front × nginx",
    "worker MB",
]


def row_cells(row: dict) -> list[str]:
    """One measured URL as the cells of the table (COLUMNS)."""
    p95 = _number(row.get("p95_ms"), 1)
    if over_goal(row):
        p95 += " !"
    note = ""
    if row.get("error"):
        note = f" ({row['error']})"
    elif row.get("hurried"):
        note = " (short: time limit)"
    return [
        row.get("group", ""),
        row.get("name", "") + note,
        row.get("url", ""),
        _number(row.get("queries")),
        _number(row.get("p50_ms"), 1),
        p95,
        _number(row.get("requests_per_s"), 1),
        _ratio(row.get("vs_stock")),
        _number(row.get("cached_requests_per_s"), 0),
        _ratio(row.get("cached_vs_stock")),
        _number(row.get("front_requests_per_s"), 0),
        _ratio(row.get("front_vs_nginx")),
        _number(row.get("worker_peak_mb"), 0),
    ]


def markdown_table(rows) -> str:
    """The rows as a Markdown table; the pipe in a URL is escaped."""
    lines = [
        "| " + " | ".join(COLUMNS) + " |",
        "|" + "|".join("---:" if i >= 3 else "---" for i in range(len(COLUMNS))) + "|",
    ]
    for row in rows:
        cells = [c.replace("|", "\\|") for c in row_cells(row)]
        cells[2] = f"`{cells[2]}`" if cells[2] else ""
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def text_table(rows) -> str:
    """The rows as aligned plain text, for the terminal (long URLs are shortened)."""
    table = [COLUMNS] + [row_cells(row) for row in rows]
    for cells in table[1:]:
        if len(cells[2]) > 48:
            cells[2] = cells[2][:45] + "..."
    widths = [max(len(cells[i]) for cells in table) for i in range(len(COLUMNS))]
    lines = []
    for n, cells in enumerate(table):
        lines.append(
            "  ".join(
                cell.rjust(widths[i]) if i >= 3 else cell.ljust(widths[i])
                for i, cell in enumerate(cells)
            ).rstrip()
        )
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def add_ratios(rows, *, stock: float | None, nginx: float | None) -> None:
    """Each row's requests/s as a multiple of the stock Wagtail page's and nginx's (none for
    a row that could not be measured): uncached and through the page cache against the stock
    page, through the front cache against nginx."""
    for row in rows:
        if row.get("error"):
            for name in ("vs_stock", "vs_nginx", "cached_vs_stock", "front_vs_nginx"):
                row[name] = None
            continue
        row["vs_stock"] = ratio(row.get("requests_per_s"), stock)
        row["vs_nginx"] = ratio(row.get("requests_per_s"), nginx)
        row["cached_vs_stock"] = ratio(row.get("cached_requests_per_s"), stock)
        row["front_vs_nginx"] = ratio(row.get("front_requests_per_s"), nginx)


def _spread(rows, name: str) -> dict:
    values = [r[name] for r in rows if r.get(name) is not None]
    return {
        "min": min(values, default=None),
        "median": statistics.median(values) if values else None,
        "max": max(values, default=None),
        "count": len(values),
    }


def summary(rows) -> dict:
    """The figures a reader wants first: the range of the ratios to the stock page (uncached,
    cached) and to nginx (front cache), and how many rows miss the p95 goal."""
    times = [r["p95_ms"] for r in rows if r.get("p95_ms") is not None]
    uncached = _spread(rows, "vs_stock")
    return {
        "rows": len(rows),
        "vs_stock_min": uncached["min"],
        "vs_stock_median": uncached["median"],
        "vs_stock_max": uncached["max"],
        "cached_vs_stock": _spread(rows, "cached_vs_stock"),
        "front_vs_nginx": _spread(rows, "front_vs_nginx"),
        "p95_max_ms": max(times, default=None),
        "over_goal": sum(1 for r in rows if over_goal(r)),
        "worker_peak_mb": max(
            (r["worker_peak_mb"] for r in rows if r.get("worker_peak_mb") is not None),
            default=None,
        ),
        "failed": sum(1 for r in rows if r.get("error")),
    }


# --- The README's summary -------------------------------------------------------------------
# The rows the README quotes (group, name): the goals of issue 13 name the overview and the
# city page; the others are the heaviest of their kind.
README_ROWS = [
    ("page", "HomePage (de)", "overview"),
    ("page", "PartnerCityPage (de)", "partner city"),
    ("page", "ActivityIndexPage (de)", "activity list"),
    ("search", "search for a city (de)", "search"),
    ("feeds", "iCal, all", "iCal feed, all activities"),
    ("downloads", "activities.csv", "activities.csv"),
    ("api", "list /api/v1/activities/", "API activity list"),
    ("back office", "activity list", "back office: activity list"),
]
README_START = "<!-- bench:start (written by make bench; do not edit) -->"
README_END = "<!-- bench:end -->"
QUERIES_START = "<!-- bench-queries:start (written by make bench-queries; do not edit) -->"
QUERIES_END = "<!-- bench-queries:end -->"


def query_comparison(small_rows, large_rows) -> dict:
    """Each URL's query count at both generated sizes, matched by group and name: how many
    are equal, and the rows that differ (public ones and the back office apart: the rule
    "the same count at every size" is the public pages'; the back office's lists are only
    bounded by their page of rows)."""
    small = {(r.get("group"), r.get("name")): r for r in small_rows}
    pairs = []
    for row in large_rows:
        other = small.get((row.get("group"), row.get("name")))
        if other is None or row.get("queries") is None or other.get("queries") is None:
            continue
        pairs.append(
            {
                "group": row["group"],
                "name": row["name"],
                "small_url": other.get("url"),
                "small": other["queries"],
                "large_url": row.get("url"),
                "large": row["queries"],
                "large_peak_mb": row.get("peak_rss_mb"),
            }
        )
    differ = [p for p in pairs if p["small"] != p["large"]]
    public = [p for p in pairs if p["group"] != "back office"]
    return {
        "pairs": pairs,
        "compared": len(pairs),
        "public": len(public),
        "public_equal": sum(1 for p in public if p["small"] == p["large"]),
        "differ": differ,
    }


def readme_summary(report: dict) -> str:
    """The README's performance table: a few rows per size, with the references and goals."""
    lines = [
        README_START,
        f"The latest full run: {report['date']}, {report['minutes']:.0f} minutes, on "
        f"{report['machine']['nproc']} shared cores (load {report['machine']['load_at_start']:.1f}"
        " at the start). Every URL and figure: [docs/benchmarks.md](docs/benchmarks.md).",
        "",
        "| size | what | queries | p95 ms | req/s | × stock | cached × stock | front × nginx |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for result in report["results"]:
        if result.get("skipped"):
            continue
        size, refs = result["size"], result["references"]
        lines.append(
            f"| {size} | references: stock Wagtail / nginx static | | | "
            f"{_number(refs['stock'], 1)} / {_number(refs['nginx'])} | 1 | | 1 |"
        )
        by_name = {(row.get("group"), row.get("name")): row for row in result["rows"]}
        for group, name, label in README_ROWS:
            row = by_name.get((group, name))
            if row is None:
                continue
            cells = row_cells(row)
            lines.append(
                f"| {size} | {label} | {cells[3]} | {cells[5]} | {cells[6]} | {cells[7]} | "
                f"{cells[9]} | {cells[11]} |"
            )
    for result in report["results"]:
        summary = result.get("summary")
        if not summary or summary.get("vs_stock_median") is None:
            continue
        cached = summary.get("cached_vs_stock") or {}
        front = summary.get("front_vs_nginx") or {}
        lines += [
            "",
            f"{result['size'].capitalize()} size, all {summary['rows']} URLs: uncached "
            f"{summary['vs_stock_min']:.2f}–{summary['vs_stock_max']:.2f}× the stock page "
            f"(median {summary['vs_stock_median']:.2f}×), {summary['over_goal']} above the p95 "
            "goal"
            + (
                f"; through the page cache median {cached['median']:.2f}× the stock page"
                if cached.get("median") is not None
                else ""
            )
            + (
                f"; through Varnish median {front['median']:.2f}× nginx's static file"
                if front.get("median") is not None
                else ""
            )
            + ".",
        ]
    check = report.get("query_check")
    if check and check.get("compared"):
        lines += ["", query_check_sentence(check)]
    lines.append(README_END)
    return "\n".join(lines)


def query_check_markdown(check: dict, *, heading: str = "#") -> str:
    """The comparison as a section: how it was made, the sentence, the rows that differ."""
    s = check["sizes"]
    lines = [
        f"{heading} Query counts at both sizes",
        "",
        "The rule: each public URL runs as many queries at world size as at Berlin size. "
        "The Berlin demo and the world are different data (other records, other lists "
        "filled), so the comparison is made on generated data at both sizes: "
        f"`generate_data --scale berlin` ({s['partnerships']:,} partnerships, "
        f"{s['activities']:,} activities, {s['pages']:,} pages) against the world, each URL "
        "asked once, the same records chosen the same way (tools/bench/discover.py; "
        "tools/bench/shape.py gives the measured city pages a project, as the generator "
        "leaves the state's without one at Berlin size).",
        "",
        query_check_sentence(check),
    ]
    if check["differ"]:
        lines += [
            "",
            "| group | what | Berlin size | queries | world size | queries |",
            "|---|---|---|---:|---|---:|",
        ]
        lines += [
            f"| {p['group']} | {p['name']} | `{p['small_url']}` | {p['small']} | "
            f"`{p['large_url']}` | {p['large']} |"
            for p in check["differ"]
        ]
    return "\n".join(lines)


def render_query_check(report: dict) -> str:
    """docs/benchmarks-queries.md: the query counts of every URL at both sizes."""
    check = report["query_check"]
    w = check["world_sizes"]
    m = report["machine"]
    lines = [
        query_check_markdown(check),
        "",
        f"Generated by `make bench-queries` on {report['date']} ({report['mode']}); do not "
        "edit (run it again). The world: "
        f"{w['partnerships']:,} partnerships, {w['cities']:,} cities, {w['activities']:,} "
        f"activities, {w['organisations']:,} organisations, {w['projects']:,} projects, "
        f"{w['pages']:,} pages; PostgreSQL {m['postgresql']}.",
        *(["", f"Amended: {report['amended']}"] if report.get("amended") else []),
        "",
        "Queries of one warm request at each size; *peak MB*: the highest resident memory of "
        "the process while it answered at world size (one process asking every URL in turn, "
        "VmHWM reset before each: Django and the site's code are most of it).",
        "",
        "| group | what | Berlin size | world size | peak MB |",
        "|---|---|---:|---:|---:|",
    ]
    lines += [
        f"| {p['group']} | {p['name']} | {p['small']} | {p['large']} | "
        f"{_number(p.get('large_peak_mb'), 0)} |"
        for p in check["pairs"]
    ]
    return "\n".join(lines) + "\n"


def readme_query_check(report: dict) -> str:
    return "\n".join(
        [
            QUERIES_START,
            f"{query_check_sentence(report['query_check'])} Measured {report['date']}; every "
            "URL: [docs/benchmarks-queries.md](docs/benchmarks-queries.md).",
            QUERIES_END,
        ]
    )


def query_check_sentence(check: dict) -> str:
    """One sentence on the query counts at both generated sizes."""
    public_differ = [p for p in check["differ"] if p["group"] != "back office"]
    text = (
        f"Query counts, Berlin size against world size (both generated by `generate_data`): "
        f"{check['public_equal']} of {check['public']} public URLs equal"
    )
    if public_differ:
        text += (
            " (differ: "
            + ", ".join(f"{p['name']} {p['small']} → {p['large']}" for p in public_differ)
            + ")"
        )
    office = [p for p in check["differ"] if p["group"] == "back office"]
    if office:
        text += "; back office, bounded by its page of rows: " + ", ".join(
            f"{p['name']} {p['small']} → {p['large']}" for p in office
        )
    return text + "."


def readme_with(text: str, summary: str, *, start=README_START, end=README_END) -> str:
    """``text`` with the part between the markers replaced by ``summary`` (unchanged when the
    markers are missing)."""
    begins, ends = text.find(start), text.find(end)
    if begins < 0 or ends < begins:
        return text
    return text[:begins] + summary + text[ends + len(end) :]
