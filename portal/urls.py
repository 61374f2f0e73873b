from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.decorators.http import require_safe
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from alerts import views as alerts_views
from portal import views
from portal.api import api_router
from portal.sitemap import PortalSitemap
from search import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/search/", search_views.search_api, name="search_api"),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", require_safe(sitemap), {"sitemaps": {"pages": PortalSitemap}}),
    path("robots.txt", views.robots_txt),
    path("healthz", views.healthz),
    path("favicon.ico", views.favicon),
]

if settings.SERVE_FILES:
    # `make run` serves static files and images itself (runserver --nostatic, so that
    # these views, and not runserver's own handler, answer).
    urlpatterns += [
        re_path(r"^static/(?P<path>.*)$", views.dev_static),
        re_path(r"^media/(?P<path>.*)$", views.dev_media),
    ]

# Pages: bokmål at the root, nynorsk under /nn/ and English under /en/.
urlpatterns += i18n_patterns(
    path("sok/", search_views.search_page, name="search"),
    path("varsler/", alerts_views.subscribe, name="alerts_subscribe"),
    path("varsler/sendt/", alerts_views.sent, name="alerts_sent"),
    path("varsler/bekreft/<str:token>/", alerts_views.confirm, name="alerts_confirm"),
    path("varsler/avmeld/<str:token>/", alerts_views.unsubscribe, name="alerts_unsubscribe"),
    # Wagtail's own URLs, with its page view in front of which the route is remembered.
    *[url for url in wagtail_urls.urlpatterns if url.name != "wagtail_serve"],
    re_path(wagtail_urls.serve_pattern, views.serve_page, name="wagtail_serve"),
    prefix_default_language=False,
)

handler400 = views.bad_request
handler404 = views.page_not_found
handler500 = views.server_error
