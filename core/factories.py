"""Factory helpers shared by the apps' factories: a StreamField body with one block of
every kind, so tests exercise real block content (images included)."""

import wagtail_factories
from wagtail.rich_text import RichText


def body_with_every_block():
    image = wagtail_factories.ImageFactory(title="Testbilde")
    return [
        ("heading", {"text": "Slik gjorde vi det", "level": "h2"}),
        ("paragraph", RichText("<p>Et avsnitt med <strong>uthevet</strong> tekst.</p>")),
        ("image", {"image": image, "alt_text": "Elever rydder skolekantina", "decorative": False}),
        ("quote", {"quote": "Det var enklere enn vi trodde.", "attribution": "Rektor"}),
    ]
