"""Test data for groups: vocabularies, venues, group pages with their schedules, cancellations.

A group page is made as the admin or the importer makes one: published in the Finnish tree under
its organisation, with a Swedish alias (or, given ``swedish={...}``, a translation), so the
publish signals fill in its meetings and the search index. Used by the tests and the benchmark;
not imported by the site itself.
"""

import datetime

import factory
from factory.django import DjangoModelFactory

from organisations.factories import LocalisedPageFactory, OrganisationPageFactory

from .models import (
    ActivityType,
    Cancellation,
    ExtraMeeting,
    Frequency,
    GroupPage,
    Language,
    Municipality,
    ScheduleRule,
    TargetGroup,
    Venue,
    Weekday,
)


class VocabularyFactory(DjangoModelFactory):
    """A term of a shared vocabulary; an existing code (the site's own lists) is reused."""

    class Meta:
        abstract = True
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"termi_{n}")
    name_fi = factory.LazyAttribute(lambda term: term.code.replace("_", " ").capitalize())
    name_sv = factory.LazyAttribute(lambda term: f"{term.name_fi} (sv)")


def vocabulary_factory(model, **defaults):
    """The factory of one vocabulary; ``defaults`` e.g. an existing ``code`` to reuse."""
    meta = type("Meta", (), {"model": model})
    return type(f"{model.__name__}Factory", (VocabularyFactory,), {"Meta": meta, **defaults})


MunicipalityFactory = vocabulary_factory(Municipality, code="kokkola")
ActivityTypeFactory = vocabulary_factory(ActivityType)
TargetGroupFactory = vocabulary_factory(TargetGroup)
LanguageFactory = vocabulary_factory(Language, code="fi")


class VenueFactory(DjangoModelFactory):
    class Meta:
        model = Venue

    identifier = factory.Sequence(lambda n: f"paikka-{n}")
    name_fi = factory.Sequence(lambda n: f"Kohtaamispaikka {n}")
    name_sv = factory.LazyAttribute(lambda venue: venue.name_fi.replace("Kohtaamispaikka", "Mötesplats"))
    street_address_fi = "Torikatu 1"
    postal_code = "67100"
    municipality = factory.SubFactory(MunicipalityFactory)
    owner = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        venue = super()._create(model_class, *args, **kwargs)
        venue.save_revision(log_action=True)
        return venue


def weekly_rule(weekday=Weekday.TUESDAY, start=(9, 0), end=(10, 30), since=datetime.date(2026, 8, 1), **options):
    """A schedule rule: every ``weekday`` from ``start`` to ``end`` (hour, minute), from ``since`` on."""
    return ScheduleRule(
        frequency=options.pop("frequency", Frequency.WEEKLY),
        weekday=weekday,
        start_time=datetime.time(*start),
        end_time=datetime.time(*end),
        valid_from=since,
        **options,
    )


def single(day, start=(18, 0), end=(20, 0)):
    """A meeting on one date outside the rules."""
    return ExtraMeeting(date=day, start_time=datetime.time(*start), end_time=datetime.time(*end))


class GroupPageFactory(LocalisedPageFactory):
    """A published group under ``parent`` (a new organisation unless given), meeting on Tuesday
    mornings at a new venue; ``schedule_rules=[weekly_rule(...)]`` and ``extra_meetings=[single(...)]``
    give other times, ``activity_types=[...]`` other activities."""

    class Meta:
        model = GroupPage

    title = factory.Sequence(lambda n: f"Ryhmä {n}")
    identifier = factory.Sequence(lambda n: f"ryhma-{n}")
    slug = factory.LazyAttribute(lambda page: page.identifier)
    summary = "Tule juttelemaan ja juomaan kahvia. Kaikki ovat tervetulleita."
    parent = factory.SubFactory(OrganisationPageFactory)
    venue = factory.SubFactory(VenueFactory)
    schedule_rules = factory.LazyFunction(lambda: [weekly_rule()])
    activity_types = factory.LazyFunction(lambda: [ActivityTypeFactory(code="discussion", name_fi="Keskustelu")])


class CancellationFactory(DjangoModelFactory):
    """A cancelled meeting of a group (on its Finnish page, where cancellations belong)."""

    class Meta:
        model = Cancellation

    group = factory.SubFactory(GroupPageFactory)
    date = datetime.date(2026, 12, 1)
    reason_fi = "Ohjaaja on sairaana."
    reason_sv = "Ledaren är sjuk."
