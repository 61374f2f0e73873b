"""Speakers and agenda items of a network meeting."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class SpeakerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Navn"), max_length=100)
    role = blocks.CharBlock(label=_("Rolle"), max_length=100, required=False)
    organisation = blocks.CharBlock(label=_("Virksomhet"), max_length=150, required=False)
    kommune = blocks.PageChooserBlock(
        label=_("Kommune"), page_type="network.KommunePage", required=False
    )

    class Meta:
        icon = "user"
        label = _("Innleder")


class AgendaItemBlock(blocks.StructBlock):
    time = blocks.TimeBlock(label=_("Klokkeslett"), required=False)
    title = blocks.CharBlock(label=_("Punkt"), max_length=200)

    class Meta:
        icon = "time"
        label = _("Punkt på programmet")


class SpeakersBlock(blocks.StreamBlock):
    speaker = SpeakerBlock()


class AgendaBlock(blocks.StreamBlock):
    item = AgendaItemBlock()


class SlidesBlock(blocks.StreamBlock):
    slides = DocumentChooserBlock(label=_("Presentasjon"))
