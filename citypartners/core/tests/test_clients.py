"""Who the client is: one function reads the address, from trusted proxies only, and no
other module reads REMOTE_ADDR or X-Forwarded-For itself."""

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest
from django.test import RequestFactory

from citypartners.core import clients
from citypartners.core.clients import client_address

PACKAGE = Path(__file__).resolve().parents[2]
# REMOTE_ADDR, X-Forwarded-For (header or META spelling), X-Real-IP, Forwarded: any way in
# to the client's address that bypasses client_address. Comments and prose may name them.
HEADER = re.compile(r"(HTTP_)?(REMOTE_ADDR|X[-_]FORWARDED[-_]FOR|X[-_]REAL[-_]IP|FORWARDED)", re.I)
NAME = re.compile(r"REMOTE_ADDR|FORWARDED_FOR|REAL_IP", re.I)
FSTRING_PART = getattr(tokenize, "FSTRING_MIDDLE", None)  # Python 3.12+


def _reads_the_address(source: str) -> list[int]:
    """Lines where a string is such a header's name, or a Python name refers to one."""
    lines = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.STRING:
            try:
                hit = HEADER.fullmatch(str(ast.literal_eval(token.string)).strip())
            except (ValueError, SyntaxError):  # not a plain literal: look inside
                hit = HEADER.search(token.string)
        elif token.type == FSTRING_PART:
            hit = HEADER.search(token.string)
        else:
            hit = token.type == tokenize.NAME and NAME.search(token.string)
        if hit:
            lines.append(token.start[0])
    return lines


def _request(remote="10.9.9.9", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_a_proxy_the_client_is_remote_addr_and_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(_request("192.0.2.1")) == "192.0.2.1"
    assert client_address(_request("192.0.2.1", forwarded="203.0.113.5")) == "192.0.2.1"


@pytest.mark.parametrize(
    "proxies,forwarded,client",
    [
        # One proxy appends what it saw; a client's own entries stand left of it.
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "198.51.100.66, 203.0.113.5", "203.0.113.5"),
        (1, "forged, 1.2.3.4,203.0.113.5", "203.0.113.5"),
        (1, "2001:db8::7", "2001:db8::7"),
        # Two proxies: the outer one saw the client, the inner one saw the outer one.
        (2, "203.0.113.5, 10.0.0.2", "203.0.113.5"),
        (2, "198.51.100.66, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
    ],
)
def test_behind_proxies_the_client_is_what_the_outermost_trusted_proxy_saw(
    settings, proxies, forwarded, client
):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_address(_request("10.0.0.1", forwarded=forwarded)) == client
    assert client_address(_request("10.0.0.1", forwarded=forwarded)) != "10.0.0.1"


@pytest.mark.parametrize(
    "proxies,forwarded",
    [
        (1, None),  # missing
        (1, ""),
        (2, "203.0.113.5"),  # shorter than the chain of proxies
        (1, "not-an-address"),
        (1, "203.0.113.5, "),
        (1, "203.0.113.5:4711"),
        (2, "203.0.113.5 junk, 10.0.0.2"),
    ],
)
def test_a_missing_short_or_malformed_header_falls_back_to_remote_addr(
    settings, proxies, forwarded
):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_address(_request("10.0.0.1", forwarded=forwarded)) == "10.0.0.1"


def test_django_axes_asks_client_address(settings):
    from axes.helpers import get_client_ip_address

    settings.TRUSTED_PROXY_COUNT = 1
    request = _request("10.0.0.1", forwarded="198.51.100.66, 203.0.113.5")
    assert get_client_ip_address(request) == "203.0.113.5"


def test_no_module_but_client_address_reads_the_client_address_from_the_request():
    """A per-client limit keyed on REMOTE_ADDR is global behind a proxy, and one keyed on
    the whole X-Forwarded-For is bypassed by sending a new one: use client_address."""
    allowed = Path(clients.__file__).resolve()
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == allowed or "tests" in path.relative_to(PACKAGE).parts:
            continue
        source = path.read_text(encoding="utf-8")
        for number in _reads_the_address(source):
            line = source.splitlines()[number - 1].strip()
            offenders.append(f"{path.relative_to(PACKAGE.parent)}:{number}: {line}")
    assert offenders == [], "use citypartners.core.clients.client_address:\n" + "\n".join(offenders)


def test_the_source_scan_sees_every_way_in_but_not_prose():
    for line in [
        'request.META.get("REMOTE_ADDR")',
        "request.META['HTTP_X_FORWARDED_FOR']",
        'request.headers.get("X-Forwarded-For", "")',
        'request.headers["x-real-ip"]',
        'request.headers.get("Forwarded")',
        'request.META[f"HTTP_X_FORWARDED_{suffix}"]',
        "request.META[FORWARDED_FOR]",
        "from citypartners.core.clients import REMOTE_ADDR",
    ]:
        assert _reads_the_address(line), line
    for line in [
        'SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")',
        "# the proxy appends to X-Forwarded-For",
        '"""Keys on the whole X-Forwarded-For header."""',
        "address = client_address(request)",
    ]:
        assert not _reads_the_address(line), line
