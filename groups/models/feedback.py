"""Anonymous feedback on a group and wishes for new groups: nothing here can name a person.

No IP address, user agent, cookie or time of day is stored: an answer has only the date it was
given (so a period can be reported) and what the person chose to say (see docs/reporting.md).
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .group_page import GroupPage
from .vocabulary import Municipality

OPEN_ANSWER_MAX_LENGTH = 1000


class Agreement(models.TextChoices):
    AGREE = "agree", pgettext_lazy("feedback", "Agree")
    PARTLY = "partly", pgettext_lazy("feedback", "Partly agree")
    DISAGREE = "disagree", pgettext_lazy("feedback", "Disagree")
    CANT_SAY = "cant_say", pgettext_lazy("feedback", "Can't say")


#: The statements of the feedback survey (spring 2025), as field names and in words.
STATEMENTS = [
    ("easy", _("Taking part is easy and the threshold is low.")),
    ("less_lonely", _("I feel less lonely.")),
    ("reached", _("The group reached me at a time when I might otherwise have been left alone.")),
    ("mood", _("My mood and coping in everyday life have improved.")),
    ("contacts", _("I have made new social contacts.")),
    ("services", _("I have got information about other services and help to find them.")),
    ("meaningful", _("I have got meaningful things to do in my everyday life.")),
    ("again", _("I want to take part again.")),
]
STATEMENT_FIELDS = [name for name, _label in STATEMENTS]


class ReviewStatus(models.TextChoices):
    NONE = "", _("No open answer")
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    REMOVED = "removed", _("Removed")


def _statement_field(label):
    return models.CharField(label, max_length=10, choices=Agreement.choices, blank=True)


class FeedbackAnswer(models.Model):
    """One anonymous answer to a group's feedback form.

    The open answer is seen by coordinators only until one of them approves it; a coordinator
    can remove it (the ratings stay, the text is erased).
    """

    group = models.ForeignKey(
        GroupPage, verbose_name=_("group"), on_delete=models.CASCADE, related_name="feedback_answers"
    )
    answered_on = models.DateField(_("answered on"))
    easy = _statement_field(STATEMENTS[0][1])
    less_lonely = _statement_field(STATEMENTS[1][1])
    reached = _statement_field(STATEMENTS[2][1])
    mood = _statement_field(STATEMENTS[3][1])
    contacts = _statement_field(STATEMENTS[4][1])
    services = _statement_field(STATEMENTS[5][1])
    meaningful = _statement_field(STATEMENTS[6][1])
    again = _statement_field(STATEMENTS[7][1])
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    atmosphere = models.PositiveSmallIntegerField(
        _("atmosphere"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    open_answer = models.TextField(_("open answer"), blank=True, max_length=OPEN_ANSWER_MAX_LENGTH)
    review_status = models.CharField(
        _("review"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.NONE, blank=True
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("feedback answer")
        verbose_name_plural = _("feedback answers")
        ordering = ["-answered_on", "-pk"]
        indexes = [
            models.Index(fields=["answered_on"], name="feedback_answered_on"),
            models.Index(fields=["review_status"], name="feedback_review_status"),
        ]

    def __str__(self):
        return f"{self.group} {self.answered_on:%Y-%m-%d}"


class GroupWish(models.Model):
    """A wish for a new group: what, where and when. Anonymous; coordinators read the wishes."""

    activity = models.CharField(_("activity wished for"), max_length=300)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="wishes",
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    time = models.CharField(_("time"), max_length=200, blank=True)
    wished_on = models.DateField(_("wished on"))
    handled = models.BooleanField(_("handled"), default=False)

    class Meta:
        verbose_name = _("group wish")
        verbose_name_plural = _("group wishes")
        ordering = ["-wished_on", "-pk"]

    def __str__(self):
        return self.activity[:60]
