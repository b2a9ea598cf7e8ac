"""The models of the groups app, one module per concern; import them from here.

``vocabulary`` (the shared word lists), ``venue``, ``group_page`` (the page and its choices),
``group_inlines`` (the page's schedule, single dates, leaders and partners), ``meeting`` (meeting
rows and cancellations), ``week_programme`` (the week page).
"""

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
from .vocabulary import ActivityType, Language, Municipality, TargetGroup, Vocabulary
from .week_programme import WeekProgrammePage

__all__ = [
    "ActivityType",
    "Cancellation",
    "ContactDetails",
    "ExtraMeeting",
    "Frequency",
    "GroupLeader",
    "GroupPage",
    "GroupPartner",
    "Language",
    "LeaderKind",
    "Meeting",
    "MeetingStatus",
    "Municipality",
    "PartOfDay",
    "Registration",
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
