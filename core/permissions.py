"""The page permission tester of the site: Wagtail's page permissions with this site's rules on top."""

from wagtail.models import Locale, PagePermissionTester


class SitePagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, with the rules of this site on top.

    Deleting or moving a page needs the right to publish there: partner editors and approvers
    can neither remove a group (they mark it ended; revisions are kept) nor carry a page out of
    their organisation, while coordinators and administrators keep Wagtail's usual rights.
    Nobody copies or moves a page into the other language's tree, and only administrators add
    pages by hand in the Swedish tree: its pages come from the Finnish ones (wagtail-localize's
    tree synchronisation makes an alias of each new Finnish page, and translating turns the alias
    into a Swedish page), so a page added there would have no Finnish source.
    """

    def __init__(self, user, page):
        super().__init__(user, page)
        # Wagtail sets this only for active non-superusers, but can_lock() reads it for everyone.
        if not hasattr(self, "permissions"):
            self.permissions = set()

    def can_delete(self, ignore_bulk=False):
        if not self.user.is_superuser and "publish" not in self.permissions:
            return False
        # Wagtail's can_move() asks can_delete(), so this rule covers moving too.
        return super().can_delete(ignore_bulk=ignore_bulk)

    def can_add_subpage(self):
        if not super().can_add_subpage():
            return False
        return self.user.is_superuser or self.page.locale_id == Locale.get_default().pk

    def can_copy_to(self, destination, recursive=False):
        # A copy keeps its language: a Finnish page copied into the Swedish tree would be lost there.
        if destination.locale_id != self.page.locale_id:
            return False
        return super().can_copy_to(destination, recursive=recursive)

    def can_move_to(self, destination):
        if destination.locale_id != self.page.locale_id:
            return False
        return super().can_move_to(destination)
