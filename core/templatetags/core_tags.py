"""Template tags for what every page shows: language versions, main menu, breadcrumbs."""

from collections import namedtuple

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, get_page_models

from core.bootstrap import find_page
from core.memo import remembered
from core.models import FeedMixin, active_locale
from core.routing import find_site

register = template.Library()

# Each language named in itself, as a language switcher should.
LANGUAGE_NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}


# A link the page chrome shows (menu, footer, breadcrumbs): remembered as plain data.
Link = namedtuple("Link", "title url path")


@register.simple_tag(takes_context=True)
def language_versions(context, page=None):
    """The current page in every locale it exists in (one query), or the home pages when
    there is no page, such as on an error page. Remembered for the content generation."""
    request = context.get("request")
    site = find_site(request) if request else None
    if page is None or not getattr(page, "pk", None):
        if site is None:
            return []
        page = None  # the home page, loaded only if not remembered
    current = translation.get_language()
    page_id = page.pk if page else site.root_page_id
    key = f"language-versions:{getattr(site, 'pk', None)}:{page_id}:{current}"
    versions = remembered(key, lambda: _language_versions(page or site.root_page, request, current))
    # On a page's own route (the suggestion form, a feed, a calendar), each language
    # version is that route on the page in that language: the same page type has it too.
    route = own_route(page, request)
    if not route:
        return versions
    return tuple(
        {**v, "url": v["url"] + route, "full_url": v["full_url"] + route} for v in versions
    )


def own_route(page, request):
    """What follows a routable page's own address in the request's path ("foresla/")."""
    if request is None or not isinstance(page, RoutablePageMixin):
        return ""
    address = page.get_url(request) or ""
    if address.endswith("/") and request.path.startswith(address):
        return request.path[len(address) :]
    return ""


def _language_versions(page, request, current):
    translations = page.get_translations(inclusive=True).live().public().select_related("locale")
    by_language = {p.locale.language_code: p for p in translations}
    versions = []
    for code, _name in settings.LANGUAGES:
        if code in by_language:
            versions.append(
                {
                    "code": code,
                    "name": LANGUAGE_NAMES.get(code, code),
                    "url": by_language[code].get_url(request),
                    # The Site's own address, not the request's Host header: right for
                    # search engines, and an error page for a forged Host still renders.
                    "full_url": by_language[code].get_full_url(request),
                    "current": code == current,
                    "is_default": code == settings.LANGUAGE_CODE,
                }
            )
    return tuple(versions)


def _home_links(request, in_menu):
    """The home page's live, public children, in or out of the menu, in the visitor's
    language, as links: the same on every page until the content changes."""
    site = find_site(request) if request else None
    if site is None:
        return ()

    def links():
        try:
            home = site.root_page.get_translation(active_locale())
        except Page.DoesNotExist:
            home = site.root_page
        children = home.get_children().live().public().filter(show_in_menus=in_menu)
        return tuple(Link(child.title, child.get_url(request), child.path) for child in children)

    language = translation.get_language()
    return remembered(f"home-links:{site.pk}:{language}:{in_menu}", links)


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The home page's children marked "show in menus", in the visitor's language."""
    return _home_links(context.get("request"), in_menu=True)


@register.simple_tag(takes_context=True)
def footer_links(context):
    """The home page's other children (personvern, tilgjengelighetserklæring)."""
    return _home_links(context.get("request"), in_menu=False)


@register.simple_tag(takes_context=True)
def page_feeds(context, page=None):
    """The RSS feeds a page points feed readers to: a section's own, and on a home page
    those of every section below it."""
    if page is None or not getattr(page, "pk", None):
        return []
    if not isinstance(page, FeedMixin) and page.depth != 2:
        return []
    request = context.get("request")

    def feeds():
        if isinstance(page, FeedMixin):
            # As published, not the object handed to the template (it may be a preview).
            sections = type(page).objects.live().filter(pk=page.pk)
        else:
            feed_models = [model for model in get_page_models() if issubclass(model, FeedMixin)]
            sections = page.get_children().live().public().type(*feed_models).specific()
        return tuple(
            {
                "title": f"{section.title} (RSS)",
                "url": section.get_url(request) + section.reverse_subpage("feed"),
            }
            for section in sections
        )

    site = find_site(request) if request else None
    return remembered(f"feeds:{getattr(site, 'pk', None)}:{page.pk}", feeds)


@register.simple_tag(takes_context=True)
def breadcrumb_ancestors(context, page):
    """The page's ancestors below the tree root, home page first, as links."""
    request = context.get("request")
    site = find_site(request) if request else None

    def links():
        ancestors = page.get_ancestors().filter(depth__gt=1)
        return tuple(Link(a.title, a.get_url(request), a.path) for a in ancestors)

    if not page.pk:  # a preview of a page not saved yet
        return links()
    return remembered(f"breadcrumbs:{getattr(site, 'pk', None)}:{page.pk}", links)


@register.simple_tag
def content_language(page):
    """The language of the page's own text when it differs from the interface language:
    an untranslated copy in nn or en still holds bokmål text, and screen readers must know.
    Templates put it in a `lang` attribute on the page's text."""
    if getattr(page, "alias_of_id", None) and translation.get_language() != settings.LANGUAGE_CODE:
        return settings.LANGUAGE_CODE
    return ""


@register.simple_tag(takes_context=True)
def lang_attr(context, language=""):
    """`lang="…"` for an element whose text is not in the language of the page around it,
    the one way templates mark it: the page's own text on a copy nobody has translated
    yet (`{% lang_attr %}`, with content_language in base.html), or text known to be in
    one language (`{% lang_attr "nb" %}`, such as the report parts from network.toml)."""
    language = language or context.get("content_lang")
    if language and language != translation.get_language():
        return format_html('lang="{}"', language)
    return ""


@register.simple_tag
def menu_state(item, page):
    """aria-current for a menu item: "page" on the page itself, "true" inside its section."""
    path = getattr(page, "path", "")
    if not path:
        return ""
    if path == item.path:
        return "page"
    return "true" if path.startswith(item.path) else ""


@register.simple_tag(takes_context=True)
def about_network(context):
    """The «Om nettverket» page in the visitor's language (where the network's contacts
    are), as a link, or None."""
    request = context.get("request")
    locale = active_locale()

    def find():
        page = find_page(Page, "standard:om-nettverket", locale)
        if page is None or not page.live:
            return None
        return Link(page.title, page.get_url(request), page.path)

    return remembered(f"about-network:{locale.language_code}", find)
