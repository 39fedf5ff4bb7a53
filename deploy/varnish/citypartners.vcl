# citypartners' front cache: Varnish (Debian's varnish package, 7.x) between nginx and gunicorn.
#
#   client -> nginx (TLS, static files, uploads) -> Varnish 127.0.0.1:6081 -> gunicorn (one or more)
#
#   cp deploy/varnish/citypartners.vcl /etc/varnish/default.vcl && systemctl restart varnish
#   nginx: in deploy/nginx/citypartners.conf, upstream citypartners_app points at 127.0.0.1:6081
#   env:   FRONTEND_CACHE_URL=http://127.0.0.1:6081 (the application purges here on every change)
#          TRUSTED_PROXY_COUNT=2 (nginx and Varnish each append to X-Forwarded-For)
#
# Lines to change for your site end in "# SITE:". What is kept is decided by the application:
# it marks an answer "public, s-maxage=…" only for anonymous readers (no session, no
# messages, no CSRF form, never the back office: core/page_cache.py) and purges each
# address the moment something it shows changes (site/cache_purge.py), through Wagtail's
# frontend_cache module (PURGE requests from the addresses in "purgers").
vcl 4.1;

import directors;

probe healthz {
    .url = "/healthz";
    .interval = 5s;
    .timeout = 2s;
    .window = 3;
    .threshold = 2;
}

# One backend per app server (gunicorn's GUNICORN_BIND); with a single server, delete app2.
backend app1 {
    .host = "127.0.0.1";  # SITE: GUNICORN_BIND of the first app server
    .port = "8000";
    .probe = healthz;
    .first_byte_timeout = 75s;  # longer than gunicorn's timeout (GUNICORN_TIMEOUT, 60 s)
}
backend app2 {
    .host = "127.0.0.1";  # SITE: GUNICORN_BIND of the second app server
    .port = "8001";
    .probe = healthz;
    .first_byte_timeout = 75s;
}

# Who may purge: the app servers (Wagtail's frontend_cache sends PURGE).
acl purgers {
    "127.0.0.1";  # SITE: the app servers' addresses
    "::1";
}

sub vcl_init {
    new apps = directors.round_robin();
    apps.add_backend(app1);
    apps.add_backend(app2);
}

sub vcl_recv {
    set req.backend_hint = apps.backend();
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed."));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Never kept here: the back office; documents (their collection's privacy is checked per
    # request); the API, whose throttle counts every request per client; health probes.
    if (req.url ~ "^/(admin|documents|api|healthz|readyz|smoke-test)(/|$|\?)") {
        return (pass);
    }
    # Signed-in people and those with a message waiting get their own page.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Anonymous readers: no cookie changes what they see (a form page is private and carries
    # its own CSRF cookie), so none is sent on and none splits the cache. The language is in
    # the address (/de/, /en/); the downloads under /opendata/ are the same in both.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_fetch {
    # A back-office report of a very large office takes a minute or more to make (its
    # spreadsheet of a whole year at world size: docs/benchmarks.md); nginx waits as long.
    if (bereq.url ~ "^/admin/reports/") {
        set bereq.first_byte_timeout = 300s;
    }
}

sub vcl_backend_response {
    set beresp.http.X-App = beresp.backend.name;
    # Bound what a lost purge could leave behind (the application's index of addresses lives
    # in Redis; were it lost, the purge would not know an address for at most this long).
    if (beresp.ttl > 1h) {
        set beresp.ttl = 1h;
    }
    set beresp.grace = 10s;
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Front-Cache = "HIT";
    } else {
        set resp.http.X-Front-Cache = "MISS";
    }
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}
