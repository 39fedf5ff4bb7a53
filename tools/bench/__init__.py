"""`make bench`: query counts, server time and throughput of the public pages, the API, the
feeds, search and the back office, beside a stock Wagtail page and nginx (see README.md)."""
