"""gunicorn for citypartners: `gunicorn -c deploy/gunicorn.conf.py` from the checkout.

Every value can be changed in the environment (/etc/citypartners/env under systemd); the
defaults suit nginx on the same machine (deploy/nginx/citypartners.conf). Logs: the access
log on stdout and gunicorn's own messages on stderr, as one JSON object per line in the
application's form (citypartners/core/logs.py), so that journald or any collector gets one
event per line, joined to the application's lines by request_id.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the JSON formatter below, before gunicorn loads the app
chdir = str(ROOT)

wsgi_app = "citypartners.wsgi:application"  # production settings unless DJANGO_SETTINGS_MODULE
# 127.0.0.1:8000 by default; a socket: GUNICORN_BIND=unix:/run/citypartners/gunicorn.sock
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")

# Worker processes, 2 per core + 1, each with threads (gthread). nginx buffers slow clients
# and uploads, so a thread is busy only while the answer is made. Threads and not
# synchronous workers because of the open-data downloads (issue 17): the activities table of
# a million rows streams for about a minute. A synchronous worker is held for all of it, so
# that as many downloads as workers stop the site, and it is killed by the timeout below
# halfway through the file (measured: 270 of 296 MB sent with a 200 status). A thread holds
# only itself; the worker's main thread keeps its heartbeat, so the timeout restarts a
# worker that hangs, not one that sends a long file.
_cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * (_cores or 1) + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 4))
# A worker whose main thread has not reported for this long is restarted.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 30))
keepalive = 5
# A fresh worker now and then keeps a slow leak from growing.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 1000))
max_requests_jitter = max_requests // 10
# Heartbeat files in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# Only nginx on this machine may say the request came by HTTPS (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# No runtime control socket (gunicornc): systemd's signals do (reload: HUP). It would go to
# the home folder, which the service cannot write.
control_socket_disable = True

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
_json = {"()": "citypartners.core.logs.JsonFormatter"}
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": _json},
    # Successful /healthz and /readyz probes are left out of the access log.
    "filters": {"quiet_probes": {"()": "citypartners.core.logs.QuietProbesFilter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stdout",
        },
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stderr",
        },
    },
    "root": {"level": "INFO", "handlers": ["stderr"]},
    "loggers": {
        "gunicorn.error": {"level": loglevel.upper(), "handlers": ["stderr"], "propagate": False},
        "gunicorn.access": {
            "level": "INFO",
            "handlers": ["stdout"],
            "filters": ["quiet_probes"],
            "propagate": False,
        },
    },
}
