#!/usr/bin/env python3
"""`make bench`: the site's speed at Berlin size (and world size, once `generate_data`
exists), beside a stock Wagtail page and nginx serving a static file, in the same run.

For each size: a PostgreSQL database is made, migrated and filled (the Berlin demo; for world
size `manage.py generate_data --scale world` instead); every URL that bench/discover.py finds is
measured in-process (query count, server time p50/p95: bench/inprocess.py) and through
gunicorn with wrk (requests/s). gunicorn runs as production runs it: deploy/gunicorn.conf.py,
the production settings from environment variables (bench/settings.py raises only the API rate
limit), Redis as the shared cache when redis-server is installed, 2 threaded workers. Beside it,
in the same run and with the same wrk settings: a stock Wagtail project (`wagtail start` from
the same venv, its welcome page, PostgreSQL, gunicorn with the same workers) and nginx serving
the German overview's HTML as a static file. Those references are measured in rounds spread
over the run (their median is the divisor), so that the ratios compare like with like on a
shared, noisy machine.

    tools/bench/run.py            # full: about 15 minutes at Berlin size on 2 cores
    tools/bench/run.py --quick    # fewer repetitions, shorter wrk runs: for development

Writes docs/benchmarks.md and docs/benchmarks.json (a quick run: .bench/ instead), and prints
the table. Exits non-zero only when the harness fails (a tool missing, a database that cannot
be made, a server that does not start); slow figures are reported, never failed. Everything it
starts is stopped, and the databases and the temporary folder removed, on any exit (--keep
keeps them).

Environment: BENCH_POSTGRES_URL (postgres://citypartners:citypartners@127.0.0.1:5432), a
server whose role may create databases; PYTHON (.venv/bin/python).
"""

import argparse
import datetime
import fcntl
import hashlib
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypdf

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

from bench import memory, stats  # noqa: E402

HOST = "partnerschaften.example.org"  # the server_name of deploy/nginx/citypartners.conf
DATABASES = {
    "berlin": "citypartners_bench_berlin",
    "world": "citypartners_bench_world",
    "berlin-generated": "citypartners_bench_berlin_generated",
    "stock": "citypartners_bench_stock",
}
APT = "apt-get install wrk nginx varnish redis-server"
# The kept world: generate_data --scale world takes far longer than the run may (about 25 min
# on 2 cores), so its result is kept in this database between runs and copied (CREATE
# DATABASE ... TEMPLATE) for each run. The database's comment is the fingerprint of the
# generator that filled it; another generator (or --fresh-world) fills it anew.
WORLD_KEPT = "citypartners_bench_world_kept"
# The stock page runs under the same kind of workers as ours (deploy/gunicorn.conf.py).
STOCK_THREADS = 4
WORLD_GENERATOR = ("citypartners/demo/generate.py", "citypartners/demo/search_bulk.py")


class HarnessError(Exception):
    """The benchmark could not be run (not: the site was slow)."""


# --- Modes -------------------------------------------------------------------------------------
MODES = {
    # wrk: threads, connections, seconds per URL (longer for a slow URL, up to `most`, so that
    # about `requests` complete); in-process: warm-up and timed requests per URL, seconds per
    # URL at most; a round of the references after every `every` URLs.
    "full": {
        "threads": 2,
        "connections": 16,
        "seconds": 3,
        "most": 12,
        "requests": 30,
        "cached_seconds": 2,
        "warmup": 2,
        "repeat": 25,
        "budget": 6,
        "every": 15,
    },
    "quick": {
        "threads": 2,
        "connections": 8,
        "seconds": 1,
        "most": 4,
        "requests": 5,
        "cached_seconds": 1,
        "warmup": 1,
        "repeat": 3,
        "budget": 1,
        "every": 1000,
    },
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Bench:
    """The processes, databases and folder of one run, and their clean-up."""

    def __init__(self, args):
        self.args = args
        self.mode = MODES["quick" if args.quick else "full"]
        self.python = os.environ.get("PYTHON", str(ROOT / ".venv" / "bin" / "python"))
        self.bin = Path(self.python).parent
        self.server_url = os.environ.get(
            "BENCH_POSTGRES_URL", "postgres://citypartners:citypartners@127.0.0.1:5432"
        ).rstrip("/")
        self.tmp = Path(tempfile.mkdtemp(prefix="citypartners-bench."))
        self.tmp.chmod(0o755)  # nginx's workers read the static file
        self.processes = []  # (name, Popen), each the leader of its own process group
        self.databases = []
        self.started = time.monotonic()
        self.log = self.tmp / "setup.log"
        self.phases = []  # [heading, seconds] (the start time until the next phase begins)
        # Past this point the remaining URLs get the shortest measurement (see `hurry`), so
        # that a slow data size cannot take the run far beyond --minutes; a fifth is left for
        # the slowest URLs still to come, the references and the clean-up.
        self.deadline = time.time() + args.minutes * 60 * 0.8

    def hurry(self) -> bool:
        return time.time() > self.deadline

    # --- output and commands ------------------------------------------------------------------
    def step(self, text: str) -> None:
        """Start a phase of the run: a heading, and its time for the report."""
        now = time.monotonic()
        if self.phases:
            self.phases[-1][1] = round(now - self.phases[-1][1])
        self.phases.append([text, now])
        print(f"\n== {text} ({now - self.started:.0f}s)", flush=True)

    def run(self, command, *, env=None, cwd=ROOT, what=None) -> str:
        """Run a set-up command; its output goes to the log, and to the terminal if it fails."""
        with self.log.open("a") as log:
            log.write(f"\n$ {' '.join(map(str, command))}\n")
        result = subprocess.run(
            [str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True
        )
        with self.log.open("a") as log:
            log.write(result.stdout + result.stderr)
        if result.returncode != 0:
            print((result.stdout + result.stderr)[-4000:], file=sys.stderr)
            raise HarnessError(f"{what or command[1:3]} failed (exit {result.returncode})")
        return result.stdout

    def start(self, name: str, command, *, env=None, cwd=ROOT, output=None):
        out = open(output or self.tmp / f"{name}.log", "ab")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(
            [str(c) for c in command],
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own group: stopped with its workers, by its id
        )
        out.close()
        self.processes.append((name, process))
        return process

    def stop(self, process) -> None:
        if process.poll() is not None:
            return
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=15)
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def wait_http(self, port: int, path: str, name: str, process, *, host=HOST, timeout=60):
        """Wait until a server answers on the port (any status), or fail with its log."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                break
            try:
                status, _body = http_get(port, path, host=host)
                return status
            except OSError:
                time.sleep(0.3)
        log = (self.tmp / f"{name}.log").read_text(errors="replace")[-3000:]
        print(log, file=sys.stderr)
        raise HarnessError(f"{name} did not start on port {port}")

    # --- clean-up --------------------------------------------------------------------------
    def cleanup(self) -> None:
        for _name, process in reversed(self.processes):
            self.stop(process)
        if self.args.keep:
            print(f"Kept: {self.tmp} and the databases {', '.join(self.databases) or '(none)'}")
            return
        for name in self.databases:
            try:
                self.sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            except Exception as error:  # noqa: BLE001 (clean-up goes on with the rest)
                print(f"Could not drop {name}: {error}", file=sys.stderr)
        shutil.rmtree(self.tmp, ignore_errors=True)

    # --- PostgreSQL -------------------------------------------------------------------------------
    def sql(self, statement: str) -> None:
        """One statement on the server's `postgres` database (outside a transaction)."""
        import psycopg

        with psycopg.connect(f"{self.server_url}/postgres", autocommit=True) as connection:
            connection.execute(statement)

    def server_version(self) -> str:
        import psycopg

        with psycopg.connect(f"{self.server_url}/postgres") as connection:
            return connection.execute("SHOW server_version").fetchone()[0]

    def new_database(self, name: str) -> str:
        self.sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # left by a killed run
        self.sql(f'CREATE DATABASE "{name}"')
        self.databases.append(name)
        return f"{self.server_url}/{name}"


def http_get(port: int, path: str, *, host=HOST, headers=None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers={"Host": host, **(headers or {})})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


# --- Preconditions ---------------------------------------------------------------------------
def check_tools(bench: Bench) -> None:
    missing = [tool for tool in ("wrk", "nginx", "varnishd") if shutil.which(tool) is None]
    if missing:
        raise HarnessError(f"Missing: {', '.join(missing)}. Install them: {APT}")
    for program in (bench.python, bench.bin / "gunicorn", bench.bin / "wagtail"):
        if not Path(program).exists():
            raise HarnessError(
                f"Missing {program}: a venv with requirements-dev.lock (make install)"
            )
    try:
        bench.server_version()
    except Exception as error:  # noqa: BLE001 (any connection failure is the same message)
        shown = re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", bench.server_url)  # no password
        raise HarnessError(
            f"No PostgreSQL at BENCH_POSTGRES_URL={shown} ({error}); it needs a role that may "
            "create databases."
        ) from error


def has_generate_data(bench: Bench, env) -> bool:
    """Whether this checkout has `manage.py generate_data` (written on another branch)."""
    result = subprocess.run(
        [bench.python, "manage.py", "help", "generate_data"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    return result.returncode == 0


# --- The environment of production -------------------------------------------------------------
def production_env(bench: Bench) -> dict:
    """As deploy/smoke-test sets it: the production settings from environment variables."""
    env = dict(os.environ)
    for name in list(env):
        if name.startswith(("DJANGO_", "GUNICORN_", "DATABASE_URL", "REDIS_URL")):
            del env[name]
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "PYTHONPATH": os.pathsep.join(
                filter(None, [str(ROOT / "tools"), env.get("PYTHONPATH")])
            ),
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": HOST,
            "MEDIA_ROOT": str(bench.tmp / "media"),
            "STATIC_ROOT": str(bench.tmp / "static"),
            "LOG_LEVEL": "WARNING",
            # A mail server that is down; nothing here sends mail.
            "EMAIL_URL": "smtp://127.0.0.1:9?timeout=5",
            "ADMINS": "",
            "TRUSTED_PROXY_COUNT": "1",
            "GUNICORN_WORKERS": str(bench.args.workers),
            # In-process and the first gunicorn measure the site without its page cache
            # (issue 13, item 3); a second gunicorn has it on, Varnish in front of it.
            "PAGE_CACHE_ENABLED": "0",
        }
    )
    (bench.tmp / "media").mkdir(exist_ok=True)
    (bench.tmp / "static").mkdir(exist_ok=True)
    return env


def start_redis(bench: Bench, env: dict) -> bool:
    if shutil.which("redis-server") is None:
        print("(redis-server not installed: the cache stays in each worker's memory)")
        return False
    sock = bench.tmp / "redis.sock"
    process = bench.start(
        "redis",
        [
            "redis-server",
            "--port",
            "0",
            "--unixsocket",
            sock,
            "--unixsocketperm",
            "700",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
    )
    for _ in range(50):
        if sock.exists():
            env["REDIS_URL"] = f"unix://{sock}"
            return True
        if process.poll() is not None:
            break
        time.sleep(0.1)
    raise HarnessError("redis-server did not start (see its log with --keep)")


# --- The references ------------------------------------------------------------------------------
STOCK_LOCAL = """
# Written by tools/bench/run.py: production settings, PostgreSQL, no debug.
SECRET_KEY = {secret!r}
ALLOWED_HOSTS = ["*"]
DEBUG = False
STATIC_ROOT = {static!r}
DATABASES = {{"default": {{
    "ENGINE": "django.db.backends.postgresql", "NAME": {name!r}, "USER": {user!r},
    "PASSWORD": {password!r}, "HOST": {host!r}, "PORT": {port!r}, "CONN_MAX_AGE": 60,
}}}}
"""


def start_stock_wagtail(bench: Bench) -> int:
    """A project fresh from `wagtail start` (the same venv), its welcome page under gunicorn
    with our worker count, max_requests and an access log, on PostgreSQL like ours."""
    from urllib.parse import urlsplit

    folder = bench.tmp / "stock"
    folder.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env["DJANGO_SETTINGS_MODULE"] = "stockref.settings.production"
    bench.run([bench.bin / "wagtail", "start", "stockref", folder], env=env, what="wagtail start")
    server = urlsplit(bench.server_url)
    bench.new_database(DATABASES["stock"])
    local = STOCK_LOCAL.format(
        secret=secrets.token_urlsafe(50),
        static=str(folder / "static_collected"),
        name=DATABASES["stock"],
        user=server.username,
        password=server.password or "",
        host=server.hostname,
        port=str(server.port or 5432),
    )
    (folder / "stockref" / "settings" / "local.py").write_text(local)
    for command in (["migrate", "--no-input"], ["collectstatic", "--no-input"]):
        bench.run(
            [bench.python, "manage.py", *command], env=env, cwd=folder, what=f"stock {command[0]}"
        )
    port = free_port()
    process = bench.start(
        "stock-gunicorn",
        [
            bench.bin / "gunicorn",
            "--chdir",
            folder,
            "--workers",
            bench.args.workers,
            "--worker-class",
            "gthread",
            "--threads",
            STOCK_THREADS,
            "--bind",
            f"127.0.0.1:{port}",
            "--max-requests",
            "1000",
            "--max-requests-jitter",
            "100",
            "--access-logfile",
            bench.tmp / "stock-access.log",
            "stockref.wsgi:application",
        ],
        env=env,
        cwd=folder,
    )
    status = bench.wait_http(port, "/", "stock-gunicorn", process)
    if status != 200:
        raise HarnessError(f"the stock Wagtail welcome page answered {status}")
    return port


NGINX_CONF = """
worker_processes auto;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    sendfile on;
    tcp_nopush on;
    access_log off;
    client_body_temp_path {tmp}/nginx-body;
    proxy_temp_path {tmp}/nginx-proxy;
    fastcgi_temp_path {tmp}/nginx-fastcgi;
    uwsgi_temp_path {tmp}/nginx-uwsgi;
    scgi_temp_path {tmp}/nginx-scgi;
    server {{
        listen 127.0.0.1:{port};
        root {tmp}/www;
    }}
}}
"""


def start_nginx(bench: Bench) -> int:
    """nginx as shipped by Debian, serving one file: the overview's HTML (saved by the
    in-process step), the bytes a front cache would send for the busiest page."""
    port = free_port()
    conf = bench.tmp / "nginx.conf"
    conf.write_text(NGINX_CONF.format(tmp=bench.tmp, port=port))
    bench.run(
        ["nginx", "-t", "-q", "-c", conf, "-e", bench.tmp / "nginx-error.log"], what="nginx -t"
    )
    process = bench.start(
        "nginx", ["nginx", "-c", conf, "-e", bench.tmp / "nginx-error.log", "-g", "daemon off;"]
    )
    status = bench.wait_http(port, "/overview.html", "nginx", process, host="localhost")
    if status != 200:
        raise HarnessError(f"nginx answered {status} for the static file")
    return port


def start_varnish(bench: Bench, name: str, port: int, *, backend: int):
    """Varnish as shipped by Debian with deploy/varnish/citypartners.vcl, both of its app
    servers pointed at the one cached gunicorn."""
    vcl = (ROOT / "deploy" / "varnish" / "citypartners.vcl").read_text()
    vcl = re.sub(r'\.port = "\d+"', f'.port = "{backend}"', vcl)
    path = bench.tmp / f"{name}.vcl"
    path.write_text(vcl)
    process = bench.start(
        name,
        [
            "varnishd",
            "-F",
            "-n",
            bench.tmp / name,
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            path,
            "-s",
            "malloc,256m",
            "-T",
            "none",
        ],
    )
    bench.wait_http(port, "/healthz", name, process)
    return process


# Varnish passes these to the app (deploy/varnish/citypartners.vcl): no front-cache figure.
FRONT_PASSED = ("/api/", "/admin/", "/documents/")


def measure_cached(bench: Bench, row: dict, cached_port: int, front_port: int) -> None:
    """wrk through the page cache (gunicorn) and through the front cache (Varnish), each
    after one request that fills it; a URL that is not kept (a form) is noted, not failed."""
    headers = {"X-Forwarded-Proto": "https"}
    seconds = bench.mode["cached_seconds"]
    targets = [("cached", cached_port)]
    if not row["url"].startswith(FRONT_PASSED):
        targets.append(("front", front_port))
    for label, port in targets:
        try:
            for _ in range(2):
                status, _body = http_get(port, row["url"], headers=headers)
        except (OSError, http.client.HTTPException) as error:
            row[f"{label}_error"] = type(error).__name__
            continue
        if status != 200:
            row[f"{label}_error"] = f"status {status}"
            continue
        found = wrk(bench, port, row["url"], seconds=seconds)
        if found["non_2xx_3xx"] or found["errors"] or not found["requests"]:
            row[f"{label}_error"] = (
                f"{found['non_2xx_3xx']} non-2xx, {found['errors']} socket errors"
            )
            continue
        row[f"{label}_requests_per_s"] = found["requests_per_s"]


# --- wrk ------------------------------------------------------------------------------------------
def wrk(bench: Bench, port: int, path: str, *, host=HOST, cookie=None, seconds=None) -> dict:
    mode = bench.mode
    command = [
        "wrk",
        f"-t{mode['threads']}",
        f"-c{mode['connections']}",
        f"-d{seconds or mode['seconds']}s",
        "--timeout",
        "30s",
        "--latency",
        "-H",
        f"Host: {host}",
        "-H",
        "X-Forwarded-Proto: https",
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command.append(f"http://127.0.0.1:{port}{path}")
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise HarnessError(f"wrk failed: {result.stderr.strip()}")
    return stats.parse_wrk(result.stdout)


def reference_round(bench: Bench, refs: dict, ports: dict) -> None:
    stock = wrk(bench, ports["stock"], "/", host="localhost")
    nginx = wrk(bench, ports["nginx"], "/overview.html", host="localhost")
    refs["stock"].append(stock["requests_per_s"])
    refs["nginx"].append(nginx["requests_per_s"])
    print(
        f"  reference round: stock Wagtail {stock['requests_per_s']:.1f} req/s, "
        f"nginx static {nginx['requests_per_s']:.0f} req/s",
        flush=True,
    )


def flush_cache(bench: Bench, env: dict) -> None:
    """Empty the benchmark's own Redis (never another), so that the next size starts cold."""
    if not env.get("REDIS_URL"):
        return
    bench.run(
        [
            bench.python,
            "-c",
            "import redis, sys; redis.Redis.from_url(sys.argv[1]).flushall()",
            env["REDIS_URL"],
        ],
        what="flushing the benchmark's Redis",
    )


# --- One data size --------------------------------------------------------------------------------
def fill_database(bench: Bench, env: dict, size: str) -> None:
    manage = [bench.python, "manage.py"]
    bench.run([*manage, "migrate", "--no-input"], env=env, what="migrate")
    if size == "world":
        # generate_data fills an empty database only (it sets the office up itself); --quick
        # takes a fiftieth of the world, enough to see what grows with the data.
        scale = "0.02" if bench.args.quick else "world"
        bench.run([*manage, "generate_data", "--scale", scale], env=env, what="generate_data")
    else:
        bench.run([*manage, "load_demo_data", "--no-input"], env=env, what="load_demo_data")


def world_fingerprint() -> str:
    """What made a kept world: the generator's source and the scale."""
    digest = hashlib.sha256(b"--scale world")
    for name in WORLD_GENERATOR:
        digest.update((ROOT / name).read_bytes())
    return f"generate_data --scale world {digest.hexdigest()[:16]}"


def kept_world(bench: Bench, env: dict) -> float:
    """The kept world database, filled now when missing, made by another generator or asked
    for (--fresh-world); returns the seconds spent generating (0 when it was reused)."""
    import psycopg

    fingerprint = world_fingerprint()
    with psycopg.connect(f"{bench.server_url}/postgres") as connection:
        row = connection.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [WORLD_KEPT],
        ).fetchone()
    if row is not None and row[0] == fingerprint and not bench.args.fresh_world:
        print(f"  reusing {WORLD_KEPT} ({fingerprint})", flush=True)
        return 0.0
    bench.step(f"world: generate_data --scale world into {WORLD_KEPT} (kept for later runs)")
    began = time.monotonic()
    bench.sql(f'DROP DATABASE IF EXISTS "{WORLD_KEPT}" WITH (FORCE)')
    bench.sql(f'CREATE DATABASE "{WORLD_KEPT}"')
    kept = dict(env, DATABASE_URL=f"{bench.server_url}/{WORLD_KEPT}")
    manage = [bench.python, "manage.py"]
    bench.run([*manage, "migrate", "--no-input"], env=kept, what="migrate")
    bench.run([*manage, "generate_data", "--scale", "world"], env=kept, what="generate_data")
    # Only a complete world gets its fingerprint: a run stopped half-way fills it anew.
    bench.sql(f"COMMENT ON DATABASE \"{WORLD_KEPT}\" IS '{fingerprint}'")
    seconds = time.monotonic() - began
    bench.deadline += seconds  # the measurement still gets its time
    return seconds


def size_database(bench: Bench, env: dict, size: str) -> tuple[dict, int | None, float]:
    """The size's database filled (the world: a copy of the kept one): the environment that
    points at it, the seconds spent generating the kept world (None: not the world) and the
    seconds spent filling."""
    generated = None
    name = DATABASES[size]
    if size == "world" and not bench.args.quick:
        generated = round(kept_world(bench, env))
        bench.step(f"world: database (a copy of {WORLD_KEPT}, migrate)")
        began = time.monotonic()
        bench.sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        bench.sql(f'CREATE DATABASE "{name}" TEMPLATE "{WORLD_KEPT}"')
        bench.databases.append(name)
        env = dict(env, DATABASE_URL=f"{bench.server_url}/{name}")
        bench.run([bench.python, "manage.py", "migrate", "--no-input"], env=env, what="migrate")
    else:
        env = dict(env, DATABASE_URL=bench.new_database(name))
        bench.step(
            f"{size}: database (migrate, {'generate_data' if size == 'world' else 'Berlin demo'})"
        )
        began = time.monotonic()
        fill_database(bench, env, size)
    return env, generated, time.monotonic() - began


def run_inprocess(bench: Bench, env: dict, name: str, *options, what: str) -> dict:
    """bench/inprocess.py against ``env``'s database with ``options``: its JSON result."""
    result_file = bench.tmp / f"{name}.json"
    command = [bench.python, ROOT / "tools" / "bench" / "inprocess.py", "--output", result_file]
    process = subprocess.run([str(c) for c in [*command, *options]], cwd=ROOT, env=env)
    if process.returncode != 0:
        raise HarnessError(f"{what} failed")
    return json.loads(result_file.read_text())


def measure_report(bench: Bench, env: dict, size: str) -> dict:
    """The partnership report of the last whole year, all partners, internal items
    included, made as PDF by the command an office would run (issue 15: under a minute at
    world size); the seconds include Django's start."""
    year = datetime.date.today().year - 1
    output = bench.tmp / f"report-{size}.pdf"
    bench.step(f"{size}: partnership report {year} as PDF (manage.py partnership_report)")
    started = time.monotonic()
    said = bench.run(
        [
            bench.bin / "python",
            ROOT / "manage.py",
            "partnership_report",
            "--from",
            f"{year}-01-01",
            "--to",
            f"{year}-12-31",
            "--internal",
            "--language",
            "de",
            "--format",
            "pdf",
            "--output",
            output,
        ],
        env=env,
        what="the partnership report",
    )
    seconds = time.monotonic() - started
    return {
        "year": year,
        "seconds": round(seconds, 1),
        "pages": len(pypdf.PdfReader(output).pages),
        "bytes": output.stat().st_size,
        "edition": "overview" if "overview" in said else "full",
    }


def measure_size(bench: Bench, env: dict, size: str, ports: dict) -> dict:
    """Fill the size's database, measure in-process, then every URL through gunicorn: without
    the page cache, with it, and through Varnish in front of it."""
    mode = bench.mode
    env, generated, fill_seconds = size_database(bench, env, size)

    flush_cache(bench, env)  # nothing cached from the other size's database
    bench.step(f"{size}: in-process (queries, server time; {mode['repeat']} requests per URL)")
    static = bench.tmp / "www" / "overview.html"
    static.parent.mkdir(exist_ok=True)
    options = [
        "--repeat",
        mode["repeat"],
        "--budget",
        mode["budget"],
        "--warmup",
        mode["warmup"],
        "--hurry-after",
        bench.deadline,
    ]
    if not static.exists():
        options += ["--static-copy", static]
    measured = run_inprocess(
        bench, env, f"{size}-inprocess", *options, what=f"the in-process measurement at {size} size"
    )
    report_pdf = measure_report(bench, env, size)
    if "nginx" not in ports:
        ports["nginx"] = start_nginx(bench)

    bench.step(
        f"{size}: gunicorn (deploy/gunicorn.conf.py, {bench.args.workers} threaded workers) "
        "without and with the page cache, Varnish (deploy/varnish/) in front of the second"
    )
    port, cached_port, front_port = free_port(), free_port(), free_port()
    gunicorn = bench.start(
        f"gunicorn-{size}",
        [bench.bin / "gunicorn", "--config", ROOT / "deploy" / "gunicorn.conf.py"],
        env=dict(env, GUNICORN_BIND=f"127.0.0.1:{port}"),
    )
    cached = bench.start(
        f"gunicorn-{size}-cached",
        [bench.bin / "gunicorn", "--config", ROOT / "deploy" / "gunicorn.conf.py"],
        env=dict(
            env,
            GUNICORN_BIND=f"127.0.0.1:{cached_port}",
            PAGE_CACHE_ENABLED="1",
            FRONTEND_CACHE_URL=f"http://127.0.0.1:{front_port}",
        ),
    )
    bench.wait_http(port, "/healthz", f"gunicorn-{size}", gunicorn)
    bench.wait_http(cached_port, "/healthz", f"gunicorn-{size}-cached", cached)
    varnish = start_varnish(bench, f"varnish-{size}", front_port, backend=cached_port)

    bench.step(
        f"{size}: wrk -t{mode['threads']} -c{mode['connections']} -d{mode['seconds']}s per URL, "
        "references in rounds"
    )
    refs = {"stock": [], "nginx": []}
    reference_round(bench, refs, ports)
    rows = measured["rows"]
    since_round = 0
    for row in rows:
        if row.get("error"):
            continue
        headers = {"X-Forwarded-Proto": "https"}
        cookie = measured["session_cookie"] if row.get("auth") else None
        if cookie:
            headers["Cookie"] = cookie
        try:
            status, _body = http_get(port, row["url"], headers=headers)
        except (OSError, http.client.HTTPException) as error:
            # One URL that cannot be asked is a row's error, never the end of the run.
            row["error"] = f"{type(error).__name__} through gunicorn"
            continue
        if status != 200:
            row["error"] = f"status {status} through gunicorn"
            continue
        seconds = stats.wrk_seconds(
            row.get("p50_ms"),
            workers=bench.args.workers,
            least=mode["seconds"],
            most=mode["seconds"] if bench.hurry() else mode["most"],
            requests=mode["requests"],
        )
        if bench.hurry():
            row["hurried"] = True
        memory.reset_peak(*memory.workers(gunicorn.pid))
        found = wrk(bench, port, row["url"], cookie=cookie, seconds=seconds)
        row["worker_peak_mb"] = memory.peak_mb(*memory.workers(gunicorn.pid))
        row["requests_per_s"] = found["requests_per_s"]
        row["wrk"] = dict(found, seconds=seconds)
        if found["non_2xx_3xx"] or found["errors"]:
            row["error"] = f"{found['non_2xx_3xx']} non-2xx, {found['errors']} socket errors"
        elif not found["requests"]:
            row["error"] = f"no answer within {seconds} s"
        if not cookie and not row.get("error"):
            measure_cached(bench, row, cached_port, front_port)
        print(
            f"  {row['group']:12} {row['name'][:40]:40} {found['requests_per_s']:8.1f} req/s"
            f"  cached {row.get('cached_requests_per_s') or 0:8.0f}"
            f"  front {row.get('front_requests_per_s') or 0:8.0f}",
            flush=True,
        )
        since_round += 1
        if since_round >= mode["every"]:
            reference_round(bench, refs, ports)
            since_round = 0
    reference_round(bench, refs, ports)
    for process in (varnish, cached, gunicorn):
        bench.stop(process)

    stock = stats.reference_rate(refs["stock"])
    nginx = stats.reference_rate(refs["nginx"])
    stats.add_ratios(rows, stock=stock, nginx=nginx)
    return {
        "size": size,
        "sizes": measured["sizes"],
        "fill_seconds": round(fill_seconds),
        "generate_seconds": generated,
        "references": {
            "stock_rounds": refs["stock"],
            "nginx_rounds": refs["nginx"],
            "stock": stock,
            "nginx": nginx,
            "stock_drift": stats.drift(refs["stock"]),
            "nginx_drift": stats.drift(refs["nginx"]),
        },
        "summary": stats.summary(rows),
        "rows": rows,
        "report_pdf": report_pdf,
    }


def queries_only(bench: Bench, env: dict, size: str) -> list[dict]:
    """Every URL of the size asked once for its query count (--query-check)."""
    env, _generated, _seconds = size_database(bench, env, size)
    flush_cache(bench, env)
    bench.step(f"{size}: the query count of every URL")
    return run_inprocess(
        bench, env, f"{size}-queries", "--queries-only", what=f"the query count at {size} size"
    )


def query_check(bench: Bench, env: dict, world: dict) -> dict:
    """The world's query counts against Berlin size on generated data too: the same
    generator at `--scale berlin`, every URL asked once. The Berlin demo is another data set
    (other records, other lists filled), so its counts say nothing about growth; the
    generator's two sizes do (bench/shape.py fills the lists of the city pages measured)."""
    bench.step("Berlin size, generated: database (migrate, generate_data --scale berlin)")
    env = dict(env, DATABASE_URL=bench.new_database(DATABASES["berlin-generated"]))
    manage = [bench.python, "manage.py"]
    bench.run([*manage, "migrate", "--no-input"], env=env, what="migrate")
    bench.run([*manage, "generate_data", "--scale", "berlin"], env=env, what="generate_data")
    flush_cache(bench, env)
    bench.step("Berlin size, generated: the query count of every URL")
    measured = run_inprocess(
        bench,
        env,
        "berlin-generated-queries",
        "--queries-only",
        "--fill-lists",
        what="the query count at Berlin size (generated)",
    )
    return dict(stats.query_comparison(measured["rows"], world["rows"]), sizes=measured["sizes"])


# --- The report ----------------------------------------------------------------------------------
def machine(bench: Bench) -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = subprocess.run(
        [
            bench.python,
            "-c",
            "import django, wagtail, gunicorn; "
            "print(django.__version__, wagtail.__version__, gunicorn.__version__)",
        ],
        capture_output=True,
        text=True,
    ).stdout.split()
    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
    nginx_version = subprocess.run(["nginx", "-v"], capture_output=True, text=True)
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu or platform.processor(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "django": versions[0] if versions else "",
        "wagtail": versions[1] if len(versions) > 1 else "",
        "gunicorn": versions[2] if len(versions) > 2 else "",
        "postgresql": bench.server_version(),
        "wrk": (wrk_version.stdout + wrk_version.stderr).split("Copyright")[0].strip(),
        "nginx": nginx_version.stderr.strip().split(": ")[-1],
        "load_at_start": os.getloadavg()[0],
    }


def render_markdown(report: dict) -> str:
    m = report["machine"]
    mode = report["mode"]
    settings = report["settings"]
    lines = [
        "# Benchmarks",
        "",
        f"Generated by `make bench{' ARGS=--quick' if mode == 'quick' else ''}` on "
        f"{report['date']}; do not edit (run it again). The figures: "
        f"[benchmarks.json](benchmarks.json).",
        "",
        f"- **Machine**: {m['nproc']} cores ({m['cpu']}), {m['memory_gb']} GB, {m['os']}; "
        f"load {m['load_at_start']:.1f} at the start (the machine is shared: the ratios, "
        "measured in the same run, count; absolute figures move with the load).",
        f"- **Software**: Python {m['python']}, Django {m['django']}, Wagtail {m['wagtail']}, "
        f"gunicorn {m['gunicorn']}, PostgreSQL {m['postgresql']}, {m['wrk']}, nginx "
        f"{m['nginx']}; cache: {'Redis' if settings['redis'] else 'per-worker memory'}.",
        f"- **Mode**: {mode}; `wrk -t{settings['threads']} -c{settings['connections']} "
        f"-d{settings['seconds']}s` per URL straight to gunicorn ({settings['workers']} threaded "
        "workers, deploy/gunicorn.conf.py, production settings, page cache off), then "
        f"`-d{settings['cached_seconds']}s` to a second gunicorn with the page cache on and "
        "through Varnish (deploy/varnish/citypartners.vcl) in front of it; in-process "
        f"{settings['repeat']} timed requests per URL after a warm-up (fewer for a URL slower "
        f"than {settings['budget']} s in all). The whole run took {report['minutes']:.1f} minutes.",
        "",
        "Columns: *queries* of one warm request; *p50/p95 ms*, the server's time for the whole "
        "request in-process without the page cache (Django's test client, production "
        "settings, DEBUG off; marked `!` above the goal: 100 ms, 200 ms for search); *req/s* "
        "through gunicorn with wrk, page cache off; *× stock*, that throughput as a multiple "
        "of a stock Wagtail site's welcome page (`wagtail start`, same venv, PostgreSQL, "
        "gunicorn with the same workers; goal for the overview and city page: 1×); *cached*, "
        "the same through the page cache (anonymous readers; goal: 5× stock); *front*, "
        "through Varnish, as a multiple of nginx serving the German overview's HTML as a "
        "static file (goal: 0.5×; the API and the back office pass through Varnish: –). Both "
        "references are measured in rounds through the run with the same wrk settings; the "
        "divisor is their median. *worker MB*: the highest peak of resident memory of a "
        "gunicorn worker while wrk asked the URL, page cache off (VmHWM, reset before each "
        "URL; goal: under 300 MB at world size). A row marked *short: time limit* was "
        "measured after the run had used 80% of its time (`--minutes`), with the fewest requests.",
    ]
    for result in report["results"]:
        size = result["size"]
        lines += ["", f"## {size.capitalize()} size", ""]
        if result.get("skipped"):
            lines.append(f"Not measured: {result['skipped']}")
            continue
        s, refs, summary = result["sizes"], result["references"], result["summary"]
        lines.append(
            f"{s['partnerships']:,} partnerships, {s['cities']:,} cities, "
            f"{s['activities']:,} activities, {s['organisations']:,} organisations, "
            f"{s['projects']:,} projects, {s['pages']:,} pages."
        )
        if result.get("generate_seconds") is not None:
            made = (
                f"generated in this run in {result['generate_seconds'] / 60:.1f} minutes"
                if result["generate_seconds"]
                else "generated by an earlier run with the same generator"
            )
            lines.append(
                f"The data: `generate_data --scale world` ({made}, kept in `{WORLD_KEPT}`), "
                f"copied for the run in {result['fill_seconds']} s."
            )
        lines.append("")
        lines.append(
            f"References: stock Wagtail **{refs['stock']:.1f} req/s** (rounds: "
            + ", ".join(f"{r:.1f}" for r in refs["stock_rounds"])
            + f"), nginx static **{refs['nginx']:,.0f} req/s** (rounds: "
            + ", ".join(f"{r:,.0f}" for r in refs["nginx_rounds"])
            + ")."
        )
        if summary["vs_stock_median"] is not None:
            lines.append("")
            lines.append(
                f"Throughput {summary['vs_stock_min']:.2f}–{summary['vs_stock_max']:.2f}× the "
                f"stock Wagtail page (median {summary['vs_stock_median']:.2f}×); slowest p95 "
                f"{summary['p95_max_ms']:.0f} ms; {summary['over_goal']} of {summary['rows']} "
                f"rows above the p95 goal; {summary['failed']} not measured; highest worker peak "
                f"{summary.get('worker_peak_mb') or 0:.0f} MB."
            )
        for key, what in (
            ("cached_vs_stock", "Through the page cache"),
            ("front_vs_nginx", "Through the front cache (Varnish)"),
        ):
            spread = summary.get(key) or {}
            if spread.get("median") is not None:
                reference = "nginx's static file" if key == "front_vs_nginx" else "the stock page"
                lines.append("")
                lines.append(
                    f"{what}: {spread['min']:.2f}–{spread['max']:.2f}× {reference} (median "
                    f"{spread['median']:.2f}× over {spread['count']} URLs)."
                )
        made = result.get("report_pdf")
        if made:
            lines.append("")
            lines.append(
                f"Partnership report {made['year']} (all partners, internal items) as PDF: "
                f"**{made['seconds']:.1f} s** with Django's start (goal: under a minute at world "
                f"size), {made['pages']} pages, {made['bytes'] / 1e6:.1f} MB, "
                f"{made['edition']} edition."
            )
        lines += ["", stats.markdown_table(result["rows"])]
    if report.get("query_check"):
        lines += ["", stats.query_check_markdown(report["query_check"], heading="##")]
    lines += ["", "## Where the time went", "", "| phase | seconds |", "|---|---:|"]
    lines += [f"| {p['phase']} | {p['seconds']} |" for p in report["phases"]]
    return "\n".join(lines) + "\n"


# --- Main -----------------------------------------------------------------------------------------
def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a short run, for development")
    parser.add_argument(
        "--sizes", default="berlin,world", help="berlin, world or both (default: both)"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (2)")
    parser.add_argument("--output", type=Path, help="the Markdown report (JSON beside it)")
    parser.add_argument("--keep", action="store_true", help="keep the databases and temp folder")
    parser.add_argument(
        "--fresh-world",
        action="store_true",
        help=f"generate the world anew into {WORLD_KEPT} even when it is there",
    )
    parser.add_argument(
        "--query-check",
        action="store_true",
        help="only the query counts at both sizes on generated data (a few minutes): "
        "docs/benchmarks-queries.md, and the README's line on them",
    )
    parser.add_argument(
        "--minutes",
        type=float,
        help="the time the run aims at (30; quick: 10): past 80%% of it, the URLs left get the "
        "shortest measurement (marked in the report)",
    )
    args = parser.parse_args(argv)
    if args.minutes is None:
        args.minutes = 10 if args.quick else 30
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    if not set(sizes) <= {"berlin", "world"}:
        print("--sizes takes berlin, world or both", file=sys.stderr)
        return 2
    output = args.output or (
        ROOT / ".bench" / "benchmarks.md" if args.quick else ROOT / "docs" / "benchmarks.md"
    )
    lock = open(Path(tempfile.gettempdir()) / "citypartners-bench.lock", "w")  # noqa: SIM115
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print("Another make bench is running on this machine.", file=sys.stderr)
        return 2

    bench = Bench(args)

    def stop_on_signal(signum, _frame):
        print(f"\nbench: stopped by signal {signum}; cleaning up", file=sys.stderr, flush=True)
        raise SystemExit(128 + signum)

    for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(signum, stop_on_signal)
    try:
        return _main(bench, args, sizes, output)
    except HarnessError as error:
        print(f"\nbench: {error}", file=sys.stderr)
        return 1
    finally:
        bench.cleanup()


def _main(bench: Bench, args, sizes, output: Path) -> int:
    mode = "quick" if args.quick else "full"
    check_tools(bench)
    date = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    info = machine(bench)
    env = production_env(bench)
    redis = start_redis(bench, env)

    bench.step("Release steps: compile_catalogues, collectstatic")
    bench.run([bench.python, "manage.py", "compile_catalogues"], env=env, what="compile_catalogues")
    bench.run(
        [bench.python, "manage.py", "collectstatic", "--no-input"], env=env, what="collectstatic"
    )
    if args.query_check:
        return _query_check_main(bench, env, date, info, mode)

    bench.step("Stock Wagtail (wagtail start, migrate, gunicorn)")
    ports = {"stock": start_stock_wagtail(bench)}

    results = []
    check = None
    for size in sizes:
        if size == "world" and not has_generate_data(bench, env):
            reason = (
                "`manage.py generate_data` does not exist in this checkout yet (issue 13); "
                "once it does, `make bench` runs `generate_data --scale world` here."
            )
            print(f"\n== world: skipped: {reason}")
            results.append({"size": size, "skipped": reason})
            continue
        result = measure_size(bench, env, size, ports)
        results.append(result)
        print()
        print(stats.text_table(result["rows"]))
        if size == "world":
            check = query_check(bench, env, result)
            print("\n" + stats.query_check_sentence(check))

    bench.step("Report")
    report = {
        "date": date,
        "phases": [{"phase": text, "seconds": seconds} for text, seconds in bench.phases[:-1]],
        "mode": mode,
        "minutes": (time.monotonic() - bench.started) / 60,
        "machine": info,
        "settings": {**bench.mode, "workers": args.workers, "redis": redis},
        "results": results,
        "query_check": check,
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render_markdown(report))
    output.with_suffix(".json").write_text(json.dumps(report, indent=1) + "\n")
    if mode == "full" and args.output is None:
        readme = ROOT / "README.md"
        readme.write_text(stats.readme_with(readme.read_text(), stats.readme_summary(report)))
    bench.step(f"Written: {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}")
    for result in results:
        if result.get("skipped"):
            continue
        refs, summary = result["references"], result["summary"]
        print(
            f"{result['size']}: stock Wagtail {refs['stock']:.1f} req/s, nginx static "
            f"{refs['nginx']:,.0f} req/s; ours {summary['vs_stock_min']:.2f}–"
            f"{summary['vs_stock_max']:.2f}× stock (median {summary['vs_stock_median']:.2f}×)"
            if summary["vs_stock_median"] is not None
            else f"{result['size']}: nothing measured through gunicorn"
        )
    return 0


def _query_check_main(bench: Bench, env: dict, date: str, info: dict, mode: str) -> int:
    """--query-check: the world's query counts against Berlin size's, both generated."""
    world = queries_only(bench, env, "world")
    check = query_check(bench, env, world)
    check["world_sizes"] = world["sizes"]
    report = {"date": date, "mode": mode, "machine": info, "query_check": check}
    output = bench.args.output or (
        ROOT / ".bench" / "benchmarks-queries.md"
        if bench.args.quick
        else ROOT / "docs" / "benchmarks-queries.md"
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(stats.render_query_check(report))
    output.with_suffix(".json").write_text(json.dumps(report, indent=1) + "\n")
    if mode == "full" and bench.args.output is None:
        readme = ROOT / "README.md"
        readme.write_text(
            stats.readme_with(
                readme.read_text(),
                stats.readme_query_check(report),
                start=stats.QUERIES_START,
                end=stats.QUERIES_END,
            )
        )
    print("\n" + stats.query_check_sentence(check))
    return 0


if __name__ == "__main__":
    sys.exit(main())
