"""Factory helpers shared by the apps' factories. A page is made with plain text by default;
the trait `full=True`, which every page factory has, gives it one block of every kind it
can hold, images and PDFs included, for the tests that need real block content."""

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


def plain_body():
    return [("paragraph", RichText("<p>Et avsnitt i testene.</p>"))]
