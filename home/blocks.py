"""StreamField blocks for information pages.

A deliberately small set: plain-language pages need headings, paragraphs, an occasional image
and a highlighted notice, not layout tools.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class ImageBlock(blocks.StructBlock):
    """An image with its own alternative text (required: the image alone says nothing)."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe what the picture shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "components/blocks/image_block.html"


class NoticeBlock(blocks.StructBlock):
    """A highlighted box for something a reader must not miss."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "link", "ul"])

    class Meta:
        icon = "warning"
        template = "components/blocks/notice_block.html"


class BodyBlock(blocks.StreamBlock):
    """The body of an information page."""

    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=120,
        form_classname="title",
        template="components/blocks/heading_block.html",
        icon="title",
    )
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=["bold", "italic", "link", "ol", "ul", "document-link"]
    )
    image = ImageBlock()
    notice = NoticeBlock()
