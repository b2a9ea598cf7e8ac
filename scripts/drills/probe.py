"""Request pages of a local server steadily for a fixed time and summarise what visitors saw.

Used by the drills (scripts/drills/*.sh): ``probe.py --base http://127.0.0.1:8103 --seconds 30
--events FILE`` runs a few parallel visitors over the front page, the finder and group pages,
then prints the answers second by second and a summary; the drill scripts write the times of
their own events (service stopped, started) to FILE so they appear in the timeline. With
``--admin-cookie sessionid=…`` every visitor also opens an admin page as a signed-in user now
and then; the summary counts those answers separately (``admin``).
"""

import argparse
import collections
import json
import random
import statistics
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
PATHS = ["/fi/", "/sv/", "/fi/ryhmat/?q=laulu", "/fi/ryhmat/?q=aamupala", "/sv/grupper/?q=frukost", "/fi/toimijat/"]
ADMIN_PATH = "/admin/"


def fetch(url, cookie=None):
    headers = {"X-Forwarded-Proto": "https"}
    if cookie:
        headers["Cookie"] = cookie
    request = urllib.request.Request(url, headers=headers)
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
        status = f"error:{type(error).__name__}"
    return status, (time.monotonic() - started) * 1000


def group_paths(base):
    """A few group pages from the sitemap, so the probe also reads the pages with the most data."""
    request = urllib.request.Request(f"{base}/sitemap.xml", headers={"X-Forwarded-Proto": "https"})
    with urllib.request.urlopen(request, timeout=10) as response:
        text = response.read().decode()
    paths = [urlsplit(part.split("</loc>")[0]).path for part in text.split("<loc>")[1:]]
    return [path for path in paths if len([part for part in path.split("/") if part]) == 4][:20]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", required=True)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--visitors", type=int, default=4)
    parser.add_argument("--events", help="File of 'offset-seconds text' lines written by the drill")
    parser.add_argument("--start-file", help="Write the monotonic start time here, for the drill's event times")
    parser.add_argument("--admin-cookie", help="A signed-in session's cookie (sessionid=...): also open an admin page")
    args = parser.parse_args()
    if urlsplit(args.base).hostname not in LOOPBACK_HOSTS:
        raise SystemExit("The probe only sends requests to this machine (loopback).")

    paths = [(path, None) for path in PATHS + group_paths(args.base)]
    if args.admin_cookie:
        # About one request in eight is the admin page of a signed-in user.
        paths += [(ADMIN_PATH, args.admin_cookie)] * max(1, len(paths) // 7)
    results = []
    lock = threading.Lock()
    start = time.time()
    if args.start_file:
        with open(args.start_file, "w", encoding="utf-8") as file:
            file.write(f"{start}\n")
    deadline = time.monotonic() + args.seconds

    def visitor():
        while time.monotonic() < deadline:
            path, cookie = random.choice(paths)
            offset = time.time() - start
            status, ms = fetch(args.base + path, cookie)
            with lock:
                results.append((offset, path, status, ms))

    threads = [threading.Thread(target=visitor) for _ in range(args.visitors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    events = collections.defaultdict(list)
    if args.events:
        try:
            with open(args.events, encoding="utf-8") as file:
                for line in file:
                    stamp, text = line.rstrip("\n").split(" ", 1)
                    events[int(float(stamp) - start)].append(text)
        except FileNotFoundError:
            pass

    print("second  requests  ok  not-ok  max-ms  events")
    by_second = collections.defaultdict(list)
    for offset, _path, status, ms in results:
        by_second[int(offset)].append((status, ms))
    for second in range(int(args.seconds) + 1):
        answers = by_second.get(second, [])
        ok = sum(1 for status, _ms in answers if status == 200)
        worst = max((ms for _status, ms in answers), default=0)
        print(
            f"{second:>6}  {len(answers):>8}  {ok:>3}  {len(answers) - ok:>6}  {worst:>6.0f}  {'; '.join(events[second])}"
        )

    failures = [(offset, status) for offset, _path, status, _ms in results if status != 200]
    latencies = [ms for _offset, _path, status, ms in results if status == 200]
    summary = {
        "requests": len(results),
        "ok": len(latencies),
        "not_ok": len(failures),
        "statuses": dict(collections.Counter(str(status) for _o, _p, status, _ms in results)),
        "first_failure_s": round(min(offset for offset, _s in failures), 2) if failures else None,
        "last_failure_s": round(max(offset for offset, _s in failures), 2) if failures else None,
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p99_ms": round(statistics.quantiles(latencies, n=100)[98], 1) if len(latencies) > 1 else None,
        "max_ms": round(max(latencies), 1) if latencies else None,
    }
    if args.admin_cookie:
        admin = [status for _offset, path, status, _ms in results if path == ADMIN_PATH]
        summary["admin"] = {
            "requests": len(admin),
            "statuses": dict(collections.Counter(str(status) for status in admin)),
        }
    print("SUMMARY " + json.dumps(summary))


if __name__ == "__main__":
    main()
