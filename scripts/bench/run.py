"""Time the finder against Wagtail's stock search on PostgreSQL (``make bench``).

    DATABASE_URL=postgres://... python scripts/bench/run.py [--groups 10000] [--repeat 15] [--keep]

Builds a throw-away PostgreSQL database (``test_<name>``) with N generated groups in Finnish and
Swedish, and times the finder's requests beside Wagtail's stock search. A development tool: it
lives outside the site's apps. See docs/search.md.
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, default=10_000, help="How many groups to generate (default 10000).")
    parser.add_argument("--repeat", type=int, default=15, help="Timed runs per request (default 15).")
    parser.add_argument("--keep", action="store_true", help="Keep the benchmark database afterwards.")
    args = parser.parse_args(argv)
    if args.groups < 1 or args.repeat < 1:
        parser.error("--groups and --repeat must be positive.")

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        parser.error("The benchmark runs on PostgreSQL: set DATABASE_URL=postgres://...")
    old_name = connection.settings_dict["NAME"]
    print(f"Creating the benchmark database test_{old_name} ...")
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        run(args.groups, args.repeat)
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def run(total, repeat):
    """Load the demo data, then add groups step by step and time the finder after each step."""
    from django.core.management import call_command

    from scripts.bench import generator, timing
    from search.analysis import warm_up

    warm_up()
    call_command("load_demo", "--no-admin", verbosity=0, stdout=sys.stdout)
    print("\nThe demo data:")
    for line in timing.time_brochures():
        print(line)
    factory = generator.GroupFactory()
    queries_by_step = []
    for size in timing.steps(total):
        seconds = factory.create(size - factory.created)
        print(f"\nCreated {factory.created} groups in both languages ({seconds:.0f} s).")
        timings = generator.build_indexes()
        print("Indexes built: " + ", ".join(f"{name} {value:.0f} s" for name, value in timings.items()))
        rows = timing.run_requests(repeat)
        for line in timing.format_rows(rows, factory.created):
            print(line)
        print(timing.comparison(rows))
        queries_by_step.append(
            [[row[key].queries for key in ("search", "cold search", "page", "cached")] for row in rows]
        )
        for line in timing.time_brochures():
            print(line)
    if len(queries_by_step) > 1:
        same = all(step == queries_by_step[0] for step in queries_by_step)
        print(
            "\nQueries per finder request "
            + ("do not grow with the number of groups." if same else "CHANGED between the steps: ")
            + ("" if same else str(queries_by_step))
        )


if __name__ == "__main__":
    main()
