"""The API's endpoints. Every list is paged, every answer has an ETag and may be cached briefly.

Only what the public site shows: live pages outside private sections, in the asked language's
tree; ended groups only on ``status=ended`` (or by their id, as their page stays reachable).
"""

import hashlib

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from django.conf import settings
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control, quote_etag
from django.utils.translation import gettext as _

from wagtail.models import Locale

from groups.models import (
    ActivityType,
    GroupLeader,
    GroupPage,
    GroupPartner,
    Language,
    Meeting,
    Municipality,
    TargetGroup,
    Venue,
)
from groups.services import with_next_meeting
from organisations.models import OrganisationPage

from .. import services
from ..filters import GroupFilter, clean_parameters
from . import params as p
from .errors import ParameterError, exception_handler
from .serializers import (
    GroupSerializer,
    MeetingSerializer,
    OrganisationSerializer,
    VenueSerializer,
    VocabulariesSerializer,
    page_of,
    paged,
)
from .throttling import ApiRateThrottle

LANG = OpenApiParameter("lang", str, enum=list(p.LANGUAGES), description="Language of the texts (default fi).")
PAGE = OpenApiParameter("page", int, description="Page number, from 1.")
PAGE_SIZE = OpenApiParameter("page_size", int, description=f"Items a page, 1–{p.MAX_PAGE_SIZE} (default 20).")
COMMON = [LANG, PAGE, PAGE_SIZE]
ERRORS = {
    400: OpenApiResponse(description="A parameter is not understood: `detail` says why, `parameter` names it."),
    404: OpenApiResponse(description="No such item (or not public)."),
    429: OpenApiResponse(description="Too many requests: wait the seconds `Retry-After` says."),
}


def _multi(name, description):
    return OpenApiParameter(
        name, {"type": "array", "items": {"type": "string", "minLength": 1}}, explode=True, description=description
    )


def _flag(name, description):
    return OpenApiParameter(name, str, enum=list(p.FLAG_VALUES), description=description)


FINDER_PARAMETERS = [
    OpenApiParameter("q", str, description="Free text, searched as the finder does (Finnish and Swedish words)."),
    OpenApiParameter(
        "status",
        str,
        enum=[p.STATUS_CURRENT, p.STATUS_ENDED],
        description="current (default): groups that meet or are on a break; ended: ended groups (without q).",
    ),
    _multi("municipality", "Municipality codes (/api/v1/vocabularies/); several mean any of them."),
    _multi("weekday", "mon, tue, wed, thu, fri, sat, sun."),
    _multi("time", "morning, afternoon, evening."),
    _multi("activity", "Activity type codes."),
    _multi("target", "Target group codes."),
    _multi("language", "Codes of languages spoken in the group."),
    _multi("organisation", "Organisation ids: groups it organises or is a partner of."),
    _flag("step_free", "Only groups at a venue with a step-free entrance."),
    _flag("free", "Only groups free of charge."),
    _flag("online", "Only groups that meet online."),
    _flag("this_week", "Only groups that meet this week."),
]


class ApiView(APIView):
    """GET only; the answer gets an ETag (304 when it has not changed) and a short Cache-Control.

    Read-only and anonymous, JSON only (``?format=`` is an unknown parameter like any other: 400),
    a rate limit per address, errors as JSON naming the parameter.
    """

    http_method_names = ["get", "head", "options"]
    allowed_parameters = p.COMMON
    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    parser_classes = []
    throttle_classes = [ApiRateThrottle]

    def get_exception_handler(self):
        return exception_handler

    def perform_content_negotiation(self, request, force=False):
        # No renderer is chosen by ``?format=`` (DRF's URL_FORMAT_OVERRIDE): there is only JSON.
        return self.renderer_classes[0](), self.renderer_classes[0].media_type

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        p.reject_unknown(request.GET, self.allowed_parameters)
        self.language = p.language(request.GET)
        self.locale = Locale.objects.get(language_code=self.language)

    def dispatch(self, request, *args, **kwargs):
        # Texts, labels and page addresses in the asked language, whatever the browser's is.
        with translation.override(p.language(request.GET) if _valid_lang(request) else "fi"):
            return super().dispatch(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            response.render()
            etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
            response["ETag"] = etag
            seconds = settings.API_CACHE_SECONDS
            patch_cache_control(response, public=True, max_age=seconds)
            response = get_conditional_response(request, etag=etag, response=response) or response
        return response

    def context(self, **extra):
        return {"request": self.request, "language": self.language, **extra}


def _valid_lang(request):
    values = request.GET.getlist("lang")
    return len(values) == 1 and values[0] in p.LANGUAGES


def public(queryset):
    """Pages outside the sections with a view restriction (cached, as the finder does)."""
    private = Q()
    for path, depth in services.private_sections():
        private |= Q(path__startswith=path, depth__gte=depth)
    return queryset.exclude(private) if private else queryset


def organisation_maps(locale):
    """This language's live public organisation pages, by id and by tree path (one query)."""
    pages = list(public(OrganisationPage.objects.live().filter(locale=locale)).select_related("locale"))
    return {"by_id": {page.identifier: page for page in pages}, "by_path": {page.path: page for page in pages}}


def prefetch_groups(groups):
    """What the group serializer reads, for a whole page of groups in a few queries."""
    prefetch_related_objects(
        groups,
        "activity_types",
        "target_groups",
        "languages",
        "schedule_rules",
        Prefetch("leaders", GroupLeader.objects.select_related("organisation")),
        Prefetch("partner_links", GroupPartner.objects.select_related("organisation")),
    )
    return groups


def ended_groups(locale, params):
    """The ended groups of a language, narrowed by the finder's filters, by title."""
    organisations = services.organisation_pages(locale)
    kwargs = {"organisation_pages": organisations, "choices": services.cached_vocabulary_choices(locale.language_code)}
    data, dropped = clean_parameters(params, **kwargs)
    p.finder_errors(params, dropped)
    base = public(GroupPage.objects.live().filter(locale=locale, status="ended"))
    filterset = GroupFilter(data, queryset=base, **kwargs)
    filterset.form.is_valid()
    groups = with_next_meeting(filterset.filtered(base)).select_related("venue__municipality", "locale")
    return groups.order_by("title", "pk")


@extend_schema_view(
    get=extend_schema(
        operation_id="groups_list",
        summary="Groups: the finder's results",
        description=(
            "The groups the finder (/fi/ryhmat/, /sv/grupper/) shows for the same parameters, in the same order: "
            "with `q` by relevance, then the next meeting; without, by the next meeting, then the title."
        ),
        parameters=[*COMMON, *FINDER_PARAMETERS],
        responses={200: paged("GroupPage", GroupSerializer), **ERRORS},
    )
)
class GroupListView(ApiView):
    allowed_parameters = p.GROUP_PARAMETERS

    def get(self, request):
        params = request.GET
        page, page_size = p.paging(params)
        status = p.status(params)
        query = p.single(params, "q")
        if status == p.STATUS_ENDED:
            if query:
                raise ParameterError("q", _("Ended groups cannot be searched by text; leave out “q”."))
            groups = ended_groups(self.locale, params)
        else:
            finder_params = QueryDict(mutable=True)
            for name in p.FINDER_PARAMETERS:
                if name in params:
                    finder_params.setlist(name, params.getlist(name))
            # The finder's own code: the same cleaning, filters, text search and order.
            results = services.find_groups(self.locale, finder_params)
            p.finder_errors(params, results.dropped)
            groups = results.groups
        context = self.context(organisations=organisation_maps(self.locale))
        return _list(
            request,
            groups,
            page,
            page_size,
            lambda rows: GroupSerializer(prefetch_groups(rows), many=True, context=context),
        )


def group_by_id(locale, identifier):
    groups = public(GroupPage.objects.live().filter(locale=locale, identifier=identifier))
    group = with_next_meeting(groups).select_related("venue__municipality", "locale").first()
    if group is None:
        raise NotFound(_("No such group."))
    return group


@extend_schema_view(
    get=extend_schema(
        operation_id="groups_detail", summary="One group", parameters=[LANG], responses={200: GroupSerializer, **ERRORS}
    )
)
class GroupDetailView(ApiView):
    allowed_parameters = ("lang",)

    def get(self, request, identifier):
        group = prefetch_groups([group_by_id(self.locale, identifier)])[0]
        context = self.context(organisations=organisation_maps(self.locale))
        return Response(GroupSerializer(group, context=context).data)


@extend_schema_view(
    get=extend_schema(
        operation_id="meetings_list",
        summary="Meetings",
        description="Meetings of the listed groups (cancelled ones too, with the reason), soonest first.",
        parameters=[
            *COMMON,
            OpenApiParameter("group", str, description="Only this group's meetings (its id)."),
            OpenApiParameter("from", OpenApiTypes.DATE, description="From this day (default today)."),
            OpenApiParameter(
                "to", OpenApiTypes.DATE, description=f"Up to this day (default and at most {p.MAX_DAYS} days on)."
            ),
        ],
        responses={200: paged("MeetingPage", MeetingSerializer), **ERRORS},
    )
)
class MeetingListView(ApiView):
    allowed_parameters = (*p.COMMON, "group", "from", "to")

    def get(self, request):
        params = request.GET
        page, page_size = p.paging(params)
        today = timezone.localdate()
        first = p.date(params, "from", today)
        last = p.date(params, "to", first + timezone.timedelta(days=p.MAX_DAYS))
        if last < first or (last - first).days > p.MAX_DAYS:
            raise ParameterError(
                "to", _("“to” must be on or after “from”, at most %(days)s days later.") % {"days": p.MAX_DAYS}
            )
        groups = services.listed_groups(self.locale)
        identifier = p.single(params, "group")
        if identifier is not None:
            groups = groups.filter(identifier=identifier)
        keys = dict(groups.values_list("translation_key", "identifier"))
        if identifier is not None and not keys:
            raise ParameterError("group", _("No listed group has the id “%(id)s”.") % {"id": identifier[:80]})
        meetings = (
            Meeting.objects.filter(translation_key__in=list(keys), date__gte=first, date__lte=last)
            .select_related("cancellation")
            .order_by("start", "pk")
        )
        context = self.context(group_ids=keys)
        return _list(
            request, meetings, page, page_size, lambda rows: MeetingSerializer(rows, many=True, context=context)
        )


def _organisations(locale):
    return public(OrganisationPage.objects.live().filter(locale=locale)).select_related("locale", "municipality")


@extend_schema_view(
    get=extend_schema(
        operation_id="organisations_list",
        summary="Organisations",
        parameters=COMMON,
        responses={200: paged("OrganisationPage", OrganisationSerializer), **ERRORS},
    )
)
class OrganisationListView(ApiView):
    def get(self, request):
        page, page_size = p.paging(request.GET)
        rows = _organisations(self.locale).order_by("title", "pk")
        return _list(
            request,
            rows,
            page,
            page_size,
            lambda items: OrganisationSerializer(items, many=True, context=self.context()),
        )


@extend_schema_view(
    get=extend_schema(
        operation_id="organisations_detail",
        summary="One organisation",
        parameters=[LANG],
        responses={200: OrganisationSerializer, **ERRORS},
    )
)
class OrganisationDetailView(ApiView):
    allowed_parameters = ("lang",)

    def get(self, request, identifier):
        page = _organisations(self.locale).filter(identifier=identifier).first()
        if page is None:
            raise NotFound(_("No such organisation."))
        return Response(OrganisationSerializer(page, context=self.context()).data)


def _venues(locale):
    """Venues where a public group of this language meets (or met): the site shows no others."""
    used = public(GroupPage.objects.live().filter(locale=locale, venue__isnull=False)).values("venue_id")
    return Venue.objects.filter(pk__in=used).select_related("municipality")


@extend_schema_view(
    get=extend_schema(
        operation_id="venues_list",
        summary="Venues",
        parameters=COMMON,
        responses={200: paged("VenuePage", VenueSerializer), **ERRORS},
    )
)
class VenueListView(ApiView):
    def get(self, request):
        page, page_size = p.paging(request.GET)
        rows = _venues(self.locale).order_by("identifier")
        return _list(
            request, rows, page, page_size, lambda items: VenueSerializer(items, many=True, context=self.context())
        )


@extend_schema_view(
    get=extend_schema(
        operation_id="venues_detail", summary="One venue", parameters=[LANG], responses={200: VenueSerializer, **ERRORS}
    )
)
class VenueDetailView(ApiView):
    allowed_parameters = ("lang",)

    def get(self, request, identifier):
        venue = _venues(self.locale).filter(identifier=identifier).first()
        if venue is None:
            raise NotFound(_("No such venue."))
        return Response(VenueSerializer(venue, context=self.context()).data)


@extend_schema_view(
    get=extend_schema(
        operation_id="vocabularies",
        summary="Vocabularies",
        parameters=[LANG],
        responses={200: VocabulariesSerializer, **ERRORS},
    )
)
class VocabularyView(ApiView):
    allowed_parameters = ("lang",)

    def get(self, request):
        data = {
            "municipalities": Municipality.objects.all(),
            "activity_types": ActivityType.objects.all(),
            "target_groups": TargetGroup.objects.all(),
            "languages": Language.objects.all(),
        }
        return Response(VocabulariesSerializer(data, context=self.context()).data)


def _list(request, rows, page, page_size, serializer):
    """One page of ``rows`` (a queryset or the finder's ranked groups) in the common list shape."""
    count = rows.count()
    start = (page - 1) * page_size
    if start and start >= count:
        raise NotFound(_("There is no page %(page)s.") % {"page": page})
    return Response(page_of(serializer, list(rows[start : start + page_size]), count, page, page_size, request))
