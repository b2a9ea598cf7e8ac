"""Links to pages in rich text lead only to live pages.

Wagtail's own page link handler gives the address of any page id, published or not. A rich text
can name any id (the editor's form takes it as it comes), so a partner's preview could reveal
whether an unpublished page of another organisation exists and what its address (its title, in
effect) is, and a published text would link to a page nobody can open. Here a link to a page
that is not live renders as ``<a>`` with no address, as a link to a deleted page does.
"""

from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler


class LivePageLinkHandler(PageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        ids = [attrs.get("id") for attrs in attrs_list]
        valid = [value for value in ids if str(value).isdigit()]
        pages = Page.objects.live().filter(id__in=valid).defer_streamfields().specific()
        by_id = {str(page.id): page for page in pages}
        return [by_id.get(str(value)) for value in ids]
