"""The abstract page every portal page builds on: cache headers decided in one place."""

from django.utils.cache import patch_cache_control
from wagtail.models import Page

# Shared caches (a CDN, Varnish) may keep a public page this long; editors' publishing
# reaches visitors within that time even before the front-end cache is purged.
PUBLIC_MAX_AGE = 5 * 60


class BasePage(Page):
    """Pages are public and cacheable unless someone is logged in or the page is private."""

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if request.user.is_authenticated or self.get_view_restrictions().exists():
            # Logged-in views carry the user bar and private pages carry private content:
            # neither may be stored by a shared cache.
            patch_cache_control(response, private=True, no_cache=True)
        else:
            patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        return response
