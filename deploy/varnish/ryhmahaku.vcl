vcl 4.1;
# Varnish in front of the app servers (or of their load balancer). Pages are cached for as long
# as the app's Cache-Control s-maxage says (PUBLIC_CACHE_SECONDS); Wagtail sends PURGE when a
# page is published (FRONTEND_CACHE_BACKEND=http, FRONTEND_CACHE_LOCATION=http://<varnish>:6081).

import std;

backend app {
    .host = "10.0.1.20";   # the load balancer of the app servers
    .port = "80";
    .probe = { .url = "/healthz"; .interval = 5s; .timeout = 2s; .window = 5; .threshold = 3; }
}

acl purgers {
    "10.0.1.0"/24;         # the app servers
    "127.0.0.1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) { return (synth(405, "Not allowed")); }
        return (purge);
    }
    # The admin, and everyone signed in to it, go straight to the app.
    if (req.url ~ "^/admin" || req.http.Cookie ~ "sessionid=") { return (pass); }
    # Public pages need no cookies; dropping them lets every visitor share the cached page.
    unset req.http.Cookie;
    # Search words stay in the URL (they select the results) but analytics tags are dropped.
    set req.url = std.querysort(regsuball(req.url, "(utm_[a-z]+|fbclid|gclid)=[^&]*&?", ""));
}

sub vcl_backend_response {
    # Serve a stale page for up to an hour if the app cannot answer (e.g. the database restarts).
    set beresp.grace = 1h;
    if (beresp.status >= 500) { set beresp.ttl = 0s; set beresp.uncacheable = true; }
}
