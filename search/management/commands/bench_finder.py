"""``manage.py bench_finder``: time the finder against Wagtail's stock search (run by ``make bench``)."""

from django.core.management.base import CommandError
from django.db import connection

from core.commands import LocalisedCommand


class Command(LocalisedCommand):
    help = (
        "Build a throw-away PostgreSQL database with N generated groups in Finnish and Swedish, and time the "
        "finder's requests beside Wagtail's stock search. See docs/search.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("--groups", type=int, default=10_000, help="How many groups to generate (default 10000).")
        parser.add_argument("--repeat", type=int, default=15, help="Timed runs per request (default 15).")
        parser.add_argument("--keep", action="store_true", help="Keep the benchmark database afterwards.")

    def handle(self, *args, groups, repeat, keep, **options):
        if connection.vendor != "postgresql":
            raise CommandError("The benchmark runs on PostgreSQL: set DATABASE_URL=postgres://...")
        if groups < 1 or repeat < 1:
            raise CommandError("--groups and --repeat must be positive.")
        from search import benchmark

        old_name = connection.settings_dict["NAME"]
        self.stdout.write(f"Creating the benchmark database test_{old_name} ...")
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        try:
            self.run(benchmark, groups, repeat)
        finally:
            if not keep:
                connection.creation.destroy_test_db(old_name, verbosity=0)

    def run(self, benchmark, total, repeat):
        from django.core.management import call_command

        from search.analysis import warm_up

        warm_up()
        call_command("load_demo", "--no-admin", verbosity=0, stdout=self.stdout)
        self.stdout.write("\nThe demo data:")
        for line in benchmark.time_brochures():
            self.stdout.write(line)
        factory = benchmark.GroupFactory()
        queries_by_step = []
        for size in benchmark.steps(total):
            seconds = factory.create(size - factory.created)
            self.stdout.write(f"\nCreated {factory.created} groups in both languages ({seconds:.0f} s).")
            timings = benchmark.build_indexes()
            self.stdout.write("Indexes built: " + ", ".join(f"{name} {value:.0f} s" for name, value in timings.items()))
            rows = benchmark.run_requests(repeat)
            for line in benchmark.format_rows(rows, factory.created):
                self.stdout.write(line)
            self.stdout.write(benchmark.comparison(rows))
            queries_by_step.append(
                [[row[key].queries for key in ("search", "cold search", "page", "cached")] for row in rows]
            )
            for line in benchmark.time_brochures():
                self.stdout.write(line)
        if len(queries_by_step) > 1:
            same = all(step == queries_by_step[0] for step in queries_by_step)
            self.stdout.write(
                "\nQueries per finder request "
                + ("do not grow with the number of groups." if same else "CHANGED between the steps: ")
                + ("" if same else str(queries_by_step))
            )
