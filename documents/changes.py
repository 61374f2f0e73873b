"""The signal the document app sends when what a document says, or who may see it,
changes. The apps whose pages are searched by a document's text listen to it (reports do):
the document app knows no page type."""

from django.dispatch import Signal

# Sent with `document=` after the text of a new file is extracted, and after a document is
# saved with the same file (perhaps moved to a private collection).
document_changed = Signal()
