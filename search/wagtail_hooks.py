"""Admin registrations of the search app."""

from wagtail import hooks

from .dashboard import EmbedCodePanel


@hooks.register("construct_homepage_panels")
def add_embed_code_panel(request, panels):
    panels.append(EmbedCodePanel(request))
