"""The models of the groups app, one module per concern; import them from here.

``vocabulary`` (the shared word lists), ``venue``, ``group_page`` (the page and its choices),
``group_inlines`` (the page's schedule, single dates, leaders and partners), ``meeting`` (meeting
rows and cancellations), ``week_programme`` (the week page), ``visits`` (visitor counts), ``feedback`` (anonymous
feedback and wishes for new groups).
"""

from .feedback import STATEMENT_FIELDS, STATEMENTS, Agreement, FeedbackAnswer, GroupWish, ReviewStatus
from .group_inlines import (
    ExtraMeeting,
    Frequency,
    GroupLeader,
    GroupPartner,
    LeaderKind,
    ScheduleRule,
    Weekday,
    WeekOfMonth,
    validate_times,
)
from .group_page import ContactDetails, GroupPage, Registration, Status
from .meeting import Cancellation, Meeting, MeetingStatus, PartOfDay
from .venue import Venue
from .visits import MAX_VISITORS, MeetingVisit
from .vocabulary import ActivityType, Language, Municipality, TargetGroup, Vocabulary
from .week_programme import WeekProgrammePage

__all__ = [
    "MAX_VISITORS",
    "STATEMENTS",
    "STATEMENT_FIELDS",
    "ActivityType",
    "Agreement",
    "Cancellation",
    "ContactDetails",
    "ExtraMeeting",
    "FeedbackAnswer",
    "Frequency",
    "GroupLeader",
    "GroupPage",
    "GroupPartner",
    "GroupWish",
    "Language",
    "LeaderKind",
    "Meeting",
    "MeetingStatus",
    "MeetingVisit",
    "Municipality",
    "PartOfDay",
    "Registration",
    "ReviewStatus",
    "ScheduleRule",
    "Status",
    "TargetGroup",
    "Venue",
    "Vocabulary",
    "WeekOfMonth",
    "WeekProgrammePage",
    "Weekday",
    "validate_times",
]
