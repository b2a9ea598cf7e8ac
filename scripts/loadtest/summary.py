"""Print the load test's result from locust's CSV: throughput, p50/p95/p99 and errors per request kind."""

import csv
import sys


def main(prefix, cpu_ticks=None, ticks_per_second=None):
    with open(f"{prefix}_stats.csv", newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    print(f"{'request':<24}{'count':>8}{'errors':>8}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for row in rows:
        name = "TOTAL" if row["Name"] == "Aggregated" else row["Name"]
        print(
            f"{name:<24}{row['Request Count']:>8}{row['Failure Count']:>8}{float(row['Requests/s']):>9.1f}"
            f"{row['50%']:>9}{row['95%']:>9}{row['99%']:>9}"
        )
    total = next(row for row in rows if row["Name"] == "Aggregated")
    errors = int(total["Failure Count"])
    print(
        f"\nThroughput {float(total['Requests/s']):.1f} requests/s; p50 {total['50%']} ms, p95 {total['95%']} ms, "
        f"p99 {total['99%']} ms; {errors} errors in {total['Request Count']} requests."
    )
    if cpu_ticks is not None and int(total["Request Count"]):
        cpu_ms = int(cpu_ticks) * 1000 / int(ticks_per_second) / int(total["Request Count"])
        print(
            f"App CPU {cpu_ms:.1f} ms per request: about {1000 / cpu_ms:.0f} requests/s per core when the "
            "database and the load generator run elsewhere."
        )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
