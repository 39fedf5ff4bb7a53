"""The benchmark's arithmetic and tables, without running a benchmark."""

import pytest

from bench import stats

WRK_OUTPUT = """\
Running 5s test @ http://127.0.0.1:41235/de/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   412.31ms  120.05ms   1.20s    70.00%
    Req/Sec    20.10      8.02    40.00     66.67%
  Latency Distribution
     50%  398.00ms
     75%  480.12ms
     90%    1.02s
     99%  850.00us
  193 requests in 5.01s, 5.02MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:     38.52
Transfer/sec:      1.00MB
"""


def test_the_median_of_an_even_count_is_the_mean_of_the_middle_two():
    assert stats.percentile([4, 1, 3, 2], 50) == 2.5


def test_a_percentile_interpolates_between_the_closest_ranks():
    values = list(range(1, 21))  # 1..20
    assert stats.percentile(values, 95) == pytest.approx(19.05)
    assert stats.percentile(values, 0) == 1
    assert stats.percentile(values, 100) == 20


def test_a_percentile_of_one_value_is_that_value():
    assert stats.percentile([7.5], 95) == 7.5


@pytest.mark.parametrize("values,q", [([], 50), ([1, 2], 101), ([1, 2], -1)])
def test_a_percentile_of_nothing_or_out_of_range_is_refused(values, q):
    with pytest.raises(ValueError):
        stats.percentile(values, q)


def test_a_ratio_needs_both_figures_and_a_reference_above_zero():
    assert stats.ratio(15.0, 90.0) == pytest.approx(1 / 6)
    assert stats.ratio(None, 90.0) is None
    assert stats.ratio(15.0, None) is None
    assert stats.ratio(15.0, 0) is None


def test_the_reference_is_the_median_of_its_rounds_and_a_disturbed_round_does_not_move_it():
    assert stats.reference_rate([90.0, 20.0, 88.0]) == 88.0
    assert stats.reference_rate([None, 50.0]) == 50.0
    assert stats.reference_rate([]) is None


def test_drift_is_the_highest_round_over_the_lowest():
    assert stats.drift([80.0, 100.0, 90.0]) == pytest.approx(1.25)
    assert stats.drift([80.0]) is None


def test_wrk_output_is_read_into_numbers():
    found = stats.parse_wrk(WRK_OUTPUT)
    assert found["requests_per_s"] == 38.52
    assert found["requests"] == 193
    assert found["errors"] == 3
    assert found["non_2xx_3xx"] == 4
    assert found["latency_p50_ms"] == 398.0
    assert found["latency_p90_ms"] == 1020.0
    assert found["latency_p99_ms"] == 0.85


def test_wrk_output_without_errors_counts_none():
    clean = "\n".join(
        line for line in WRK_OUTPUT.splitlines() if "errors" not in line and "Non-2xx" not in line
    )
    found = stats.parse_wrk(clean)
    assert found["errors"] == 0
    assert found["non_2xx_3xx"] == 0


def test_a_slow_url_gets_a_longer_wrk_run_within_the_limit():
    # 30 requests of 600 ms on 2 workers: 9 s, with the margin 13.5, so 14.
    assert stats.wrk_seconds(600, workers=2, least=5, most=20, requests=30) == 14
    assert stats.wrk_seconds(20, workers=2, least=5, most=20, requests=30) == 5
    assert stats.wrk_seconds(5000, workers=2, least=5, most=20, requests=30) == 20
    assert stats.wrk_seconds(None, workers=2, least=5, most=20, requests=30) == 5


def test_search_has_its_own_goal():
    assert stats.over_goal({"group": "page", "p95_ms": 120})
    assert not stats.over_goal({"group": "search", "p95_ms": 120})
    assert stats.over_goal({"group": "search", "p95_ms": 201})
    assert not stats.over_goal({"group": "page"})


def _rows():
    return [
        {"group": "page", "name": "HomePage (de)", "url": "/de/", "queries": 12,
         "p50_ms": 40.0, "p95_ms": 120.0, "requests_per_s": 18.0,
         "cached_requests_per_s": 540.0, "front_requests_per_s": 9000.0,
         "worker_peak_mb": 87.4},
        {"group": "api", "name": "list /api/v1/cities/", "url": "/api/v1/cities/?a=1|2",
         "queries": 3, "p50_ms": 5.0, "p95_ms": 8.0, "requests_per_s": 90.0,
         "cached_requests_per_s": 360.0},
        {"group": "page", "name": "BoroughPage (en)", "url": "", "error": "none"},
    ]  # fmt: skip


def test_ratios_are_against_both_references_and_none_for_a_row_not_measured():
    rows = _rows()
    stats.add_ratios(rows, stock=90.0, nginx=18000.0)
    assert rows[0]["vs_stock"] == pytest.approx(0.2)
    assert rows[0]["vs_nginx"] == pytest.approx(0.001)
    assert rows[1]["vs_stock"] == pytest.approx(1.0)
    assert rows[0]["cached_vs_stock"] == pytest.approx(6.0)
    assert rows[0]["front_vs_nginx"] == pytest.approx(0.5)
    assert rows[1]["front_vs_nginx"] is None  # not measured through the front cache
    assert rows[2]["vs_stock"] is None and rows[2]["cached_vs_stock"] is None


def test_the_summary_gives_the_range_of_ratios_and_the_rows_over_the_goal():
    rows = _rows()
    stats.add_ratios(rows, stock=90.0, nginx=18000.0)
    summary = stats.summary(rows)
    assert summary["vs_stock_min"] == pytest.approx(0.2)
    assert summary["vs_stock_max"] == pytest.approx(1.0)
    assert summary["vs_stock_median"] == pytest.approx(0.6)
    assert summary["cached_vs_stock"]["min"] == pytest.approx(4.0)
    assert summary["cached_vs_stock"]["median"] == pytest.approx(5.0)
    assert summary["front_vs_nginx"] == {"min": 0.5, "median": 0.5, "max": 0.5, "count": 1}
    assert summary["p95_max_ms"] == 120.0
    assert summary["over_goal"] == 1
    assert summary["failed"] == 1
    assert summary["worker_peak_mb"] == 87.4  # the highest of the rows that have one


def test_the_markdown_table_has_a_row_per_url_with_ratios_and_marks():
    rows = _rows()
    stats.add_ratios(rows, stock=90.0, nginx=18000.0)
    table = stats.markdown_table(rows).splitlines()
    assert table[0].startswith("| group | what | URL | queries |")
    assert len(table) == 2 + len(rows)
    assert (
        "| page | HomePage (de) | `/de/` | 12 | 40.0 | 120.0 ! | 18.0 | 0.20× | 540 | 6.00× "
        "| 9,000 | 0.50× | 87 |" in table
    )
    assert "`/api/v1/cities/?a=1\\|2`" in table[3]  # a pipe does not split the cell
    assert "BoroughPage (en) (none)" in table[4]
    assert table[4].endswith("| – | – | – | – | – | – | – | – | – | – |")


def test_the_text_table_lines_up_its_columns():
    rows = _rows()
    stats.add_ratios(rows, stock=90.0, nginx=18000.0)
    lines = stats.text_table(rows).splitlines()
    assert len({len(line) for line in lines[:2]}) == 1  # heading and rule as wide
    assert lines[2].index("/de/") == lines[0].index("URL")


@pytest.mark.parametrize(
    "value,shown",
    [(1.234, "1.23×"), (0.25, "0.25×"), (0.096, "0.096×"), (0.000075, "0.000075×"), (None, "–")],
)
def test_a_ratio_is_shown_with_two_significant_digits_and_no_exponent(value, shown):
    row = {"group": "page", "name": "x", "url": "/", "vs_stock": value}
    assert stats.row_cells(row)[7] == shown


def _report():
    rows = _rows()
    stats.add_ratios(rows, stock=90.0, nginx=18000.0)
    return {
        "date": "2026-11-30 12:00 UTC",
        "minutes": 24.6,
        "machine": {"nproc": 2, "load_at_start": 1.5},
        "results": [
            {
                "size": "berlin",
                "references": {"stock": 90.0, "nginx": 18000.0},
                "rows": rows,
                "summary": stats.summary(rows),
            },
            {"size": "world", "skipped": "not measured"},
        ],
    }


def test_the_readme_summary_quotes_the_chosen_rows_and_replaces_only_its_part():
    summary = stats.readme_summary(_report())
    assert "| berlin | overview | 12 | 120.0 ! | 18.0 | 0.20× | 6.00× | 0.50× |" in summary
    assert "| berlin | references: stock Wagtail / nginx static | | | 90.0 / 18,000 |" in summary
    assert "2026-11-30 12:00 UTC" in summary and "world" not in summary.split("| size")[1]
    readme = f"# Title\n\n{stats.README_START}\nold\n{stats.README_END}\n\nAfter.\n"
    written = stats.readme_with(readme, summary)
    assert "old" not in written and written.startswith("# Title") and written.endswith("After.\n")
    assert stats.readme_with("no markers", summary) == "no markers"


def test_query_counts_are_compared_by_url_and_the_differences_named():
    small = [
        {"group": "page", "name": "HomePage (de)", "url": "/de/", "queries": 12},
        {"group": "page", "name": "PartnerCityPage (de)", "url": "/de/a/", "queries": 26},
        {"group": "back office", "name": "page explorer", "url": "/admin/", "queries": 78},
        {"group": "feeds", "name": "Atom", "url": "/atom", "error": "status 500"},
    ]
    large = [
        {"group": "page", "name": "HomePage (de)", "url": "/de/", "queries": 12},
        {"group": "page", "name": "PartnerCityPage (de)", "url": "/de/b/", "queries": 28},
        {"group": "back office", "name": "page explorer", "url": "/admin/", "queries": 146},
        {"group": "feeds", "name": "Atom", "url": "/atom", "queries": 6},
    ]
    check = stats.query_comparison(small, large)
    assert (check["compared"], check["public"], check["public_equal"]) == (3, 2, 1)
    assert [(p["name"], p["small"], p["large"]) for p in check["differ"]] == [
        ("PartnerCityPage (de)", 26, 28),
        ("page explorer", 78, 146),
    ]
    check["sizes"] = {"partnerships": 1, "activities": 1, "pages": 1}
    sentence = stats.query_check_sentence(check)
    assert "1 of 2 public URLs equal (differ: PartnerCityPage (de) 26 → 28)" in sentence
    assert "back office, bounded by its page of rows: page explorer 78 → 146" in sentence
