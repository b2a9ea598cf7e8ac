"""The public feedback and wish forms, and the coordinators' review of open answers and wishes.

The public forms set no cookie and keep nothing of the sender: no CSRF token (a cookie), no
session; the protection is in :mod:`groups.feedback`. Their answers are never cached.
"""

from http import HTTPStatus

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from organisations.permissions import is_coordinator

from .feedback import (
    WISH_SCOPE,
    accepts_feedback,
    form_token,
    group_scope,
    rate_limited,
    review_open_answer,
    save_feedback,
    save_wish,
    token_is_valid,
)
from .models import FeedbackAnswer, GroupWish, ReviewStatus
from .reporting_forms import FeedbackForm, WishForm


def _respond(request, template, context, status=HTTPStatus.OK):
    response = TemplateResponse(request, template, context, status=status)
    add_never_cache_headers(response)
    return response


def _public_form(request, page, form_class, scope, template, save):
    """GET shows the form; POST checks the bot traps and the rate limit, then saves."""
    context = {"page": page, "self": page}
    if request.method == "POST":
        form = form_class(request.POST)
        if rate_limited(request, scope):
            context.update(form=form_class(initial={"token": form_token(scope)}), refused=True)
            return _respond(request, template, context, HTTPStatus.TOO_MANY_REQUESTS)
        if form.is_valid():
            if form.cleaned_data.get("website"):
                # A bot filled in the hidden field: thank it, keep nothing.
                return _respond(request, template, {**context, "thanks": True})
            if not token_is_valid(form.cleaned_data["token"], scope):
                form = form_class(request.POST.copy())
                form.data["token"] = form_token(scope)
                context.update(form=form, expired=True)
                return _respond(request, template, context, HTTPStatus.BAD_REQUEST)
            save(form.cleaned_data)
            return _respond(request, template, {**context, "thanks": True})
        data = request.POST.copy()
        data["token"] = form_token(scope)
        context["form"] = form_class(data)
        context["form"].is_valid()
        return _respond(request, template, context, HTTPStatus.BAD_REQUEST)
    if request.method not in ("GET", "HEAD"):
        return _respond(request, template, {**context, "form": form_class()}, HTTPStatus.METHOD_NOT_ALLOWED)
    context["form"] = form_class(initial={"token": form_token(scope)})
    return _respond(request, template, context)


def feedback_form(request, group):
    """The anonymous feedback form of one group (a route of the group page)."""
    if not accepts_feedback(group):
        raise Http404
    return _public_form(
        request,
        group,
        FeedbackForm,
        group_scope(group),
        "groups/feedback_form.html",
        lambda data: save_feedback(group, data),
    )


def wish_form(request, page):
    """The form for a wish of a new group (a route of the group finder)."""
    return _public_form(request, page, WishForm, WISH_SCOPE, "groups/wish_form.html", save_wish)


# --- The coordinators' side ---------------------------------------------------------------------


class CoordinatorsOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not is_coordinator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class FeedbackReviewView(CoordinatorsOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """Open answers waiting for review: approve one so that others may read it, or remove it."""

    template_name = "groups/admin/feedback_review.html"
    page_title = gettext_lazy("Open feedback answers")
    header_icon = "comment"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        answers = FeedbackAnswer.objects.select_related("group").order_by("answered_on", "pk")
        context.update(
            pending=answers.filter(review_status=ReviewStatus.PENDING),
            approved=answers.filter(review_status=ReviewStatus.APPROVED).order_by("-answered_on", "-pk")[:50],
        )
        return context

    def post(self, request, *args, **kwargs):
        value = request.POST.get("answer", "")
        answer = FeedbackAnswer.objects.filter(pk=value).first() if value.isdigit() else None
        action = request.POST.get("action")
        if answer is None or action not in ("approve", "remove"):
            messages.error(request, _("That answer is no longer there. Nothing was changed."))
            return redirect(request.path)
        review_open_answer(answer, approve=action == "approve", user=request.user)
        messages.success(
            request, _("The answer was approved.") if action == "approve" else _("The answer was removed.")
        )
        return redirect(request.path)


class WishesView(CoordinatorsOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """Wishes for new groups, by municipality."""

    template_name = "groups/admin/wishes.html"
    page_title = gettext_lazy("Wishes for new groups")
    header_icon = "help"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        wishes = GroupWish.objects.select_related("municipality")
        show_handled = self.request.GET.get("handled") == "1"
        if not show_handled:
            wishes = wishes.filter(handled=False)
        context.update(
            wishes=wishes.order_by("municipality__sort_order", "municipality__name_fi", "-wished_on"),
            counts=wishes.values("municipality__name_fi").annotate(n=Count("pk")).order_by("-n"),
            show_handled=show_handled,
        )
        return context

    def post(self, request, *args, **kwargs):
        value = request.POST.get("wish", "")
        wish = GroupWish.objects.filter(pk=value).first() if value.isdigit() else None
        if wish is not None:
            wish.handled = not wish.handled
            wish.save(update_fields=["handled"])
            messages.success(
                request, _("The wish was marked handled.") if wish.handled else _("The wish is open again.")
            )
        return redirect(request.get_full_path())
