"""The network's own contact people, for «Om nettverket» (home's template uses this; home's
code does not know who they are)."""

from django import template

from core.bootstrap import stable_key
from network.models import NetworkContact

register = template.Library()


@register.simple_tag
def network_contacts(page):
    """Those who have agreed to be listed, on «Om nettverket» in any language; else none."""
    if page.translation_key != stable_key("standard:om-nettverket"):
        return []
    return list(NetworkContact.listed())
