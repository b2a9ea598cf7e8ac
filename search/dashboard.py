"""The partner's "put your groups on your own website" panel on the admin home page.

Lives in the search app because the embeddable listing does (search/embed.py); the partner's
organisations come from the organisations app, below it.
"""

from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from wagtail.admin.ui.components import Component

from organisations.permissions import partner_accesses

from .embed import embed_url

LANGUAGES = (("fi", _lazy("Code for your pages in Finnish")), ("sv", _lazy("Code for your pages in Swedish")))


def iframe_code(url, title):
    """The copy-paste HTML: an accessible ``<iframe>`` with a title, lazy, full width."""
    return format_html(
        '<iframe src="{}" title="{}" width="100%" height="600" loading="lazy" style="border:0"></iframe>',
        url,
        title,
    )


class EmbedCodePanel(Component):
    """For each of the user's organisations: the code in Finnish and Swedish, and a preview."""

    name = "embed_code"
    template_name = "search/admin/embed_code.html"
    order = 60

    def __init__(self, request):
        self.request = request
        self.organisations = [access.organisation for access in partner_accesses(request.user)]

    def render_html(self, parent_context=None):
        if not self.organisations:
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context):
        items = []
        for organisation in self.organisations:
            query = f"organisation={organisation.identifier}"
            codes = []
            for language, label in LANGUAGES:
                # The frame's title is read out on the partner's page: in that page's language.
                with translation.override(language):
                    title = _("Groups of %(name)s") % {"name": organisation.localized.title}
                code = iframe_code(embed_url(language, query, self.request), title)
                codes.append({"language": language, "label": label, "code": str(code)})
            items.append({"organisation": organisation, "codes": codes, "preview": embed_url("fi", query)})
        return {"items": items}
