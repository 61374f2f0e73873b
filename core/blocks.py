"""StreamField blocks shared by every page type."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Tekst"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Nivå"),
        choices=[("h2", _("Overskrift 2")), ("h3", _("Overskrift 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Mellomtittel")
        template = "components/blocks/heading_block.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Sitat"))
    attribution = blocks.CharBlock(label=_("Hvem sa det"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Sitat")
        template = "components/blocks/quote_block.html"


class OrganisationBlock(blocks.StructBlock):
    """A member or partner organisation of the network."""

    name = blocks.CharBlock(label=_("Navn"), max_length=160)
    description = blocks.CharBlock(label=_("Rolle i nettverket"), max_length=300, required=False)
    url = blocks.URLBlock(label=_("Nettsted"), required=False)

    class Meta:
        icon = "group"
        label = _("Organisasjon")
        template = "components/blocks/organisation_block.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(label=_("Avsnitt"), features=RICH_TEXT_FEATURES)
    # Wagtail's ImageBlock asks for alt text (or a decorative flag) every time it is used.
    image = ImageBlock(label=_("Bilde"))
    quote = QuoteBlock()
    organisation = OrganisationBlock()

    class Meta:
        template = "components/blocks/body.html"
