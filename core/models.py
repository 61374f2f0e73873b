"""The abstract pages every portal page builds on: cache headers decided in one place, and
the two shapes most pages share (a text page, and a section's index)."""

from http import HTTPMethod

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import HttpResponseNotAllowed
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.blocks import BodyBlock
from core.feeds import AtomPageFeed, PageFeed
from core.memo import remembered
from core.pagination import paginate
from core.text import ascii_slug, folded_words, searchable_texts

# Shared caches (a CDN, Varnish) may keep a public page this long; editors' publishing
# reaches visitors within that time even before the front-end cache is purged.
PUBLIC_MAX_AGE = 5 * 60


def restricted_paths():
    """The tree paths of the pages with a view restriction: they and every page below them
    are private."""
    return remembered(
        "restricted-paths",
        lambda: tuple(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )


class PortalPageQuerySet(PageQuerySet):
    def private_q(self):
        # Wagtail reads every restriction again each time .public() is called, which a
        # page with listings does several times per render.
        private = Q()
        for restricted in restricted_paths():
            private |= Q(path__startswith=restricted)
        return private if private else Q(pk__in=[])

    def public(self):
        # Without any restriction every page is public: no condition for SQL to carry.
        return self.exclude(self.private_q()) if restricted_paths() else self.all()


class BasePage(Page):
    """Pages are public and cacheable unless someone is logged in or the page is private."""

    objects = PageManager.from_queryset(PortalPageQuerySet)()

    # Pages are read, not written to: Wagtail answers any other method with a 405.
    allowed_http_methods = [HTTPMethod.GET, HTTPMethod.HEAD]
    search_fields = Page.search_fields + [index.SearchField("folded_text")]
    # The lookup that gives a page's year for search's year facet ("period_start__year");
    # empty: the page type has no year.
    year_facet = ""
    # Text fields kept out of search on purpose, each with the reason in a comment where a
    # page type names it (tests/test_search_fields.py holds every other one to search).
    unsearched_fields = ()
    # What every page has: translated titles, one slug in every language.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("slug"),
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.slug and ascii_slug(self.slug) != self.slug:
            raise ValidationError(
                {
                    "slug": _(
                        "Adressen kan bare ha små bokstaver a–z, tall og bindestrek, slik at "
                        "lenken virker i e-post og chat. Skriv for eksempel «%(slug)s»."
                    )
                    % {"slug": ascii_slug(self.slug)}
                }
            )

    def feed_description(self):
        """What a feed says about the page beside its title."""
        return self.search_description

    def folded_text(self):
        """Words with æ, ø or å as they are typed without them (baerekraft, froya), so
        that such a search still finds the page."""
        texts = [self.title] + [text for _name, text in searchable_texts(self)]
        return " ".join(folded_words(" ".join(texts)))

    def serve(self, request, *args, **kwargs):
        return self.finish_response(request, super().serve(request, *args, **kwargs))

    def get_view_restrictions(self):
        # Asked twice for every page served (Wagtail's check and finish_response), two
        # queries each; filtering on an empty list of ids makes no query at all.
        def restriction_ids():
            restrictions = super(BasePage, self).get_view_restrictions()
            return tuple(restrictions.values_list("pk", flat=True))

        if not self.pk:  # a preview of a page not saved yet
            return super().get_view_restrictions()
        ids = remembered(f"view-restrictions:{self.pk}", restriction_ids)
        return PageViewRestriction.objects.filter(pk__in=ids)

    def finish_response(self, request, response):
        """Cache headers, decided in one place for every page and every route."""
        if response.has_header("Cache-Control"):
            return response  # the view decided (a form, say, is never cached)
        if request.user.is_authenticated or self.get_view_restrictions().exists():
            # Logged-in views carry the user bar and private pages carry private content:
            # neither may be stored by a shared cache.
            patch_cache_control(response, private=True, no_cache=True)
        else:
            patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        return response


def takes_post(view):
    """Marks a route of a routable page as a form, which takes POST; the page's other
    routes take only GET and HEAD."""
    view.takes_post = True
    return view


class RoutableMixin(RoutablePageMixin):
    """Wagtail's routable pages answer every route, the page itself included, without
    Page.serve: the response is finished here instead. Put it before the page class."""

    allowed_http_methods = [HTTPMethod.GET, HTTPMethod.HEAD, HTTPMethod.POST]

    def check_request_method(self, request, *args, **kwargs):
        # route() has found the view for the address (none for the page itself).
        view = getattr(getattr(request, "routable_resolver_match", None), "func", None)
        if request.method == "POST" and not getattr(view, "takes_post", False):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return super().check_request_method(request, *args, **kwargs)

    def serve(self, request, *args, **kwargs):
        return self.finish_response(request, super().serve(request, *args, **kwargs))


class FeedMixin(RoutableMixin):
    """Feeds of the index's pages: RSS at <index>/rss/ and Atom at <index>/atom/."""

    def feed_pages(self):
        """The live, public pages of the feed, newest first, as a queryset."""
        raise NotImplementedError

    @path("rss/", name="feed")
    def feed(self, request):
        return PageFeed(self)(request)

    @path("atom/", name="atom_feed")
    def atom_feed(self, request):
        return AtomPageFeed(self)(request)


class ContentPage(BasePage):
    """A page of text: a short introduction and a body of blocks."""

    intro = models.TextField(_("innledning"), blank=True, max_length=600)
    body = StreamField(BodyBlock(), verbose_name=_("innhold"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    translatable_fields = BasePage.translatable_fields + [
        TranslatableField("intro"),
        TranslatableField("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    api_fields = [APIField("intro"), APIField("body")]

    class Meta:
        abstract = True


class IndexPage(BasePage):
    """The index of one section of the site (/kommuner/, /tema/): an introduction and a
    paginated list of what is below it, as `items` in the template."""

    intro = RichTextField(_("innledning"), blank=True, features=["bold", "italic", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1
    per_page = 50
    # Filter parameters that changed name, {old: new}: links made before still filter.
    # Every listing names its filters in Norwegian (kommune, tema, mal, ar, type).
    renamed_parameters = {}
    translatable_fields = BasePage.translatable_fields + [
        TranslatableField("intro"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        abstract = True

    def get_items(self):
        """The live, public pages this index lists, as one queryset."""
        raise NotImplementedError

    def get_listing(self, request):
        """What the index lists for this request, and any extra template context (a
        filter form, say). Override it when the listing depends on the request."""
        return self.get_items(), {}

    def filter_parameters(self, request):
        """The query string's filters under their current names."""
        data = request.GET.copy()
        for old, new in self.renamed_parameters.items():
            if old in data and new not in data:
                data.setlist(new, data.pop(old))
        return data

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items, extra = self.get_listing(request)
        context.update(extra, items=paginate(request, items, self.per_page))
        return context

    def finish_response(self, request, response):
        form = (getattr(response, "context_data", None) or {}).get("filter_form")
        if form is not None and form.errors:
            # The listing still shows, with the visitor's choices and what was wrong.
            response.status_code = 400
        return super().finish_response(request, response)


def in_locale(model, items, locale=None):
    """The given translatable objects (snippets or pages, of `model`) as they are in
    `locale` (the active one by default), in one query and in the same order. Pages
    relate to the bokmål versions; visitors read another language."""
    locale = locale or active_locale()
    items = list(items)
    if all(item.locale_id == locale.pk for item in items):
        return items  # a bokmål visitor, or nothing to translate: no query
    keys = [item.translation_key for item in items]
    found = {
        obj.translation_key: obj
        for obj in model.objects.filter(locale=locale, translation_key__in=keys)
    }
    return [found.get(key, item) for key, item in zip(keys, items, strict=True)]


def active_locale():
    """The Locale of the active language, as Locale.get_active() finds it, without a query
    each time: a page asks for it several times (the menu, listings, their lookups)."""
    try:
        code = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        code = None
    return locales().get(code) or Locale.get_active()


def locales():
    """{language code: Locale}, read once per content generation."""
    return remembered(
        "locales", lambda: {locale.language_code: locale for locale in Locale.objects.all()}
    )
