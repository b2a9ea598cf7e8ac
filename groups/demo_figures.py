"""Demo figures for ``manage.py load_demo``: a year of plausible visitor counts, about a hundred
feedback answers and a few wishes, so that the reports have something to show.

Made with a fixed random seed and ``bulk_create`` (a few queries, not thousands), and only once:
a site that already has visitor counts or feedback keeps them.
"""

import datetime
import random

from django.utils import timezone

from .models import (
    STATEMENT_FIELDS,
    Agreement,
    FeedbackAnswer,
    GroupPage,
    GroupWish,
    MeetingVisit,
    Municipality,
    ReviewStatus,
    Status,
)

#: The share who agreed with each statement in the spring 2025 survey (shared/seeds/000…).
SURVEY_AGREE = {
    "easy": 0.93,
    "less_lonely": 0.77,
    "reached": 0.70,
    "mood": 0.70,
    "contacts": 0.73,
    "services": 0.55,
    "meaningful": 0.59,
    "again": 0.96,
}
FEEDBACK_ANSWERS = 100
OPEN_ANSWERS = [
    "Tänne on helppo tulla, kukaan ei kysele turhia.",
    "Aamupala on ollut minulle tärkeä rutiini.",
    "Olisi kiva, jos ryhmä kokoontuisi myös kesällä.",
    "Hyvä porukka ja ohjaajat, kiitos!",
    "Det är lätt att komma hit, och stämningen är god.",
    "Jag har fått nya vänner i gruppen.",
    "Toivoisin enemmän ulkoilua.",
    "Sain täältä vinkin talousneuvontaan, se auttoi.",
]
WISHES = [
    ("Kävelyryhmä aamuisin", "kokkola", "Keskusta", "arkiaamut"),
    ("Käsityökerho", "kannus", "Kirjasto", "tiistai-iltapäivä"),
    ("Lukupiiri", "kokkola", "Kirjasto", "ilta"),
    ("Promenadgrupp", "kokkola", "Karleby centrum", "förmiddag"),
    ("Yhteinen ruokailu yksin asuville", "kaustinen", "", "viikonloppu"),
]


def _meeting_dates(group, rng, today):
    """A weekly meeting day for a year back, with summer and Christmas breaks; an ended group
    stopped some months ago, a group on a break a few weeks ago."""
    rules = list(group.schedule_rules.all())
    today = today - datetime.timedelta(days={Status.ENDED: 120, Status.PAUSED: 30}.get(group.status, 0))
    weekday = rules[0].weekday if rules else group.pk % 5
    start = today - datetime.timedelta(days=rng.randint(150, 365))
    day = start + datetime.timedelta(days=(weekday - start.weekday()) % 7)
    while day < today:
        if not (day.month == 7 or (day.month == 12 and day.day >= 20) or (day.month == 1 and day.day <= 6)):
            yield day
        day += datetime.timedelta(days=7)


def _choice(rng, agree_share):
    roll = rng.random()
    if roll < agree_share:
        return Agreement.AGREE
    if roll < agree_share + (1 - agree_share) * 0.5:
        return Agreement.PARTLY
    if roll < agree_share + (1 - agree_share) * 0.8:
        return Agreement.DISAGREE
    return Agreement.CANT_SAY


def load_demo_figures(today=None, seed=2025):
    """Add the demo's visitor counts, feedback and wishes unless the site has some already.

    Returns ``(visits, answers, wishes)``: how many of each were added.
    """
    today = today or timezone.localdate()
    rng = random.Random(seed)  # noqa: S311 - demo numbers, not secrets
    groups = list(
        GroupPage.objects.filter(locale__language_code="fi").prefetch_related("schedule_rules").order_by("pk")
    )
    visits = []
    if not MeetingVisit.objects.exists():
        for group in groups:
            usual = rng.randint(4, 14)
            for day in _meeting_dates(group, rng, today):
                count = max(1, round(rng.gauss(usual, 2.5)))
                first = min(count, max(0, round(rng.gauss(1, 1))))
                visits.append(MeetingVisit(group=group, date=day, visitors=count, first_timers=first))
        MeetingVisit.objects.bulk_create(visits, batch_size=1000)
    answers = []
    active = [group for group in groups if group.status == Status.ACTIVE]
    if active and not FeedbackAnswer.objects.exists():
        for number in range(FEEDBACK_ANSWERS):
            group = active[min(len(active) - 1, int(rng.random() ** 1.6 * len(active)))]
            text = OPEN_ANSWERS[number % len(OPEN_ANSWERS)] if number % 6 == 0 else ""
            review = ReviewStatus.NONE
            if text:
                review = ReviewStatus.PENDING if number % 4 == 0 else ReviewStatus.APPROVED
            answers.append(
                FeedbackAnswer(
                    group=group,
                    answered_on=today - datetime.timedelta(days=rng.randint(1, 200)),
                    satisfaction=rng.choices([5, 4, 3], weights=[75, 22, 3])[0],
                    atmosphere=rng.choices([5, 4, 3], weights=[82, 16, 2])[0],
                    open_answer=text,
                    review_status=review,
                    **{name: _choice(rng, SURVEY_AGREE[name]) for name in STATEMENT_FIELDS},
                )
            )
        FeedbackAnswer.objects.bulk_create(answers)
    wishes = []
    if not GroupWish.objects.exists():
        municipalities = {municipality.code: municipality for municipality in Municipality.objects.all()}
        wishes = [
            GroupWish(
                activity=activity,
                municipality=municipalities.get(code),
                place=place,
                time=time,
                wished_on=today - datetime.timedelta(days=10 * (index + 1)),
            )
            for index, (activity, code, place, time) in enumerate(WISHES)
        ]
        GroupWish.objects.bulk_create(wishes)
    return len(visits), len(answers), len(wishes)
