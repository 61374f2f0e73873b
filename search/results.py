"""The hits on screen: only the page of hits the visitor sees is loaded, each with its
kommune, a snippet and its labels. The facets are counted apart (search/facets.py)."""

from dataclasses import dataclass

from django.db.models import prefetch_related_objects
from wagtail.models import Page

from network.models import KommuneLookup, KommunePage
from search.snippets import snippet_for


@dataclass
class Hit:
    page: Page
    snippet: str | None = None
    from_pdf: bool = False
    kommune: KommunePage | None = None

    @property
    def type_label(self):
        return self.page._meta.verbose_name

    @property
    def is_example(self):
        """Demo content, labelled «Eksempel» wherever it is shown."""
        return bool(getattr(self.page, "is_example", False))

    @property
    def has_placeholder_pdf(self):
        document = getattr(self.page, "document", None)
        return bool(document and document.is_placeholder)


def build_hits(pages, locale, words):
    """Hits in the order of `pages` (relevance), each with its kommune and snippet."""
    owners = KommuneLookup(locale)
    # The document of a page that shows one tells whether it is a placeholder.
    prefetch_related_objects([page for page in pages if has_field(page, "document")], "document")
    hits = []
    for page in pages:
        kommune = owners.owner_of(page)
        snippet, source = snippet_for(page, words)
        hits.append(
            Hit(page=page, kommune=kommune, snippet=snippet, from_pdf=source == "document_text")
        )
    return hits


def has_field(model, field_name):
    return any(field.name == field_name for field in model._meta.get_fields())
