"""Editor panels shared by the translatable page types."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import InlinePanel, Panel


class SharedInlinePanel(InlinePanel):
    """An inline list of facts (meeting times, leaders...): edited on the Finnish page only.

    On the Finnish page it is Wagtail's inline panel. On a translation the form has no formset
    for it (``TranslatablePageForm`` leaves the facts out), so a posted list is never read, and
    the panel shows the Finnish page's items as text with "The same in both languages".
    """

    class BoundPanel(InlinePanel.BoundPanel):
        def __init__(self, **kwargs):
            form = kwargs.get("form")
            panel = kwargs["panel"]
            self.read_only = form is not None and panel.relation_name not in form.formsets
            if not self.read_only:
                super().__init__(**kwargs)
                return
            Panel.BoundPanel.__init__(self, **kwargs)
            self.label = self.panel.label
            self.template_name = "core/admin/shared_inline_panel.html"
            source = getattr(form, "source_page", None) or self.instance
            self.items = [str(item) for item in getattr(source, self.panel.relation_name).all()]

        def get_context_data(self, parent_context=None):
            if not self.read_only:
                return super().get_context_data(parent_context)
            context = Panel.BoundPanel.get_context_data(self, parent_context)
            context.update(items=self.items, note=_("The same in both languages. Change it on the Finnish page."))
            return context

        def js_opts(self):
            if not self.read_only:
                return super().js_opts()
            return Panel.BoundPanel.js_opts(self)

        @property
        def telepath_adapter_name(self):
            return "wagtail.panels.Panel" if self.read_only else "wagtail.panels.InlinePanel"
