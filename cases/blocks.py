"""The blocks of a good-practice case: what a kommune needs to tell what it did."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from core.blocks import RICH_TEXT_FEATURES, HeadingBlock, QuoteBlock


class CaseImageBlock(blocks.StructBlock):
    # Alt text is required here: a case's pictures carry information (the sorting station,
    # the new kitchen), so none of them is decorative.
    image = ImageChooserBlock(label=_("Bilde"))
    alt_text = blocks.CharBlock(
        label=_("Alternativ tekst"),
        max_length=250,
        help_text=_("Beskriv hva bildet viser, for dem som ikke ser det."),
    )
    caption = blocks.CharBlock(label=_("Bildetekst"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Bilde")
        template = "components/blocks/case_image_block.html"


class KeyFigureBlock(blocks.StructBlock):
    figure = blocks.CharBlock(label=_("Tall"), max_length=30, help_text=_("For eksempel «40 %»."))
    label = blocks.CharBlock(label=_("Hva tallet viser"), max_length=150)

    class Meta:
        icon = "table"
        label = _("Nøkkeltall")
        template = "components/blocks/key_figure_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Dokument"))
    label = blocks.CharBlock(label=_("Lenketekst"), required=False, max_length=150)

    class Meta:
        icon = "doc-full"
        label = _("Dokument")
        template = "components/blocks/document_link_block.html"


class VideoLinkBlock(blocks.StructBlock):
    # A plain link, not an embed: an embedded player would load the video service (and
    # its cookies) before the visitor asks for it.
    url = blocks.URLBlock(label=_("Adresse til videoen"))
    title = blocks.CharBlock(label=_("Tittel"), max_length=150)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "components/blocks/video_link_block.html"


class CaseBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(label=_("Avsnitt"), features=RICH_TEXT_FEATURES)
    image = CaseImageBlock()
    quote = QuoteBlock()
    key_figure = KeyFigureBlock()
    document = DocumentLinkBlock()
    video = VideoLinkBlock()

    class Meta:
        template = "components/blocks/body.html"
