"""The public "Foreslå et eksempel" form: sanitising, honeypot, rate limit, CSRF, and the
coordinators' action that turns a suggestion into a draft case."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.test import Client

from cases.forms import ALLOWED_PROTOCOLS, ALLOWED_TAGS
from cases.models import CasePage, CaseSuggestion
from tests.conftest import needs_redis

pytestmark = pytest.mark.django_db
URL = "/god-praksis/foresla/"
LISTING = "/admin/snippets/cases/casesuggestion/"
INSPECT = LISTING + "inspect/{}/"


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


def suggestion(**changes):
    data = {
        "name": "Kari Nordmann",
        "kommune": "5014",
        "email": "kari@example.no",
        "title": "Sykkelbibliotek for alle",
        "description": "<p>Vi lånte ut sykler gratis.</p>",
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return data


# Classic payloads from the XSS cheat sheets: script tags, event handlers, javascript: and
# data: URLs, SVG, malformed and encoded variants.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=http://xss.example/xss.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<img src=javascript:alert(&quot;XSS&quot;)>",
    "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
    '<a href="javascript:alert(1)">klikk</a>',
    '<a href="JaVaScRiPt:alert(1)">klikk</a>',
    '<a href="jav&#x09;ascript:alert(1)">klikk</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="https://ok.example" onclick="alert(1)">x</a>',
    '<a href="https://ok.example" style="background:url(javascript:alert(1))">x</a>',
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<body onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<div style="width: expression(alert(1));">x</div>',
    "<style>@import 'http://xss.example/xss.css';</style>",
    '<link rel=stylesheet href="http://xss.example/xss.css">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<input onfocus=alert(1) autofocus>",
    "<details open ontoggle=alert(1)>",
    '<p onmouseover="alert(1)">hold over</p>',
    "<<script>alert(1);//<</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<img """><script>alert(1)</script>">',
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    '<a href="\x01javascript:alert(1)">x</a>',  # a real control character
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<base href="javascript:alert(1)//">',
    '<video><source onerror="alert(1)"></video>',
    "<strong onclick=alert(1)>fet</strong>",
    '"><script>alert(document.cookie)</script>',
    '<a href="mailto:ok@example.no" onmouseover=alert(1)>e-post</a>',
    # Protocol-relative and backslash forms: a browser fills in the scheme and goes to
    # another site, so they are links to somewhere that is not http, https or mailto.
    '<a href="//evil.example/innlogging">logg inn</a>',
    '<a href=" //evil.example">x</a>',
    '<a href="\\\\evil.example">x</a>',
    '<a href="/\\evil.example">x</a>',
    '<a href="relativ/side">x</a>',
    '<a href="&#47;&#47;evil.example">x</a>',
]

# What must never appear in a rendered page built from a suggestion (our own templates
# for a case use none of these).
DANGEROUS = re.compile(
    r"<\s*(script|svg|math|iframe|object|embed|style|link|meta|base|form|input|img|video|"
    r"body|details)\b|\son\w+\s*=|javascript:|vbscript:|data:text|expression\(",
    re.IGNORECASE,
)
TAG = re.compile(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9]*)([^>]*)>")


def assert_harmless(html):
    """Only the allowed tags remain, with no attribute but a safe href."""
    for name, attributes in TAG.findall(html):
        assert name.lower() in ALLOWED_TAGS, f"<{name}> survived in {html!r}"
        for attribute in re.findall(r"([a-zA-Z-]+)\s*=", attributes):
            assert attribute.lower() == "href", f"{attribute}= survived in {html!r}"
        for href in re.findall(r'href="([^"]*)"', attributes):
            # Read the address as a browser does: leading control characters and spaces,
            # and tabs or newlines anywhere, are dropped before the scheme is read.
            browser_sees = re.sub(r"[\t\n\r]", "", href.lstrip("".join(map(chr, range(33)))))
            # Only absolute addresses with an allowed scheme (README): no scheme at all
            # means the browser picks one, as with //evil.example.
            scheme = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", browser_sees)
            assert scheme, f"{href} survived in {html!r}"
            assert scheme[1].lower() in ALLOWED_PROTOCOLS, f"{href} survived in {html!r}"


def test_there_are_enough_payloads():
    assert len(PAYLOADS) >= 30


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_payload_survives_in_what_is_stored_or_shown(client, admin_client, payload):
    response = client.post(
        URL,
        suggestion(description=f"<p>Innledning</p>{payload}", title=payload, name=payload),
        REMOTE_ADDR="192.0.2.10",
    )
    assert response.status_code in (302, 400)
    stored = CaseSuggestion.objects.filter(email="kari@example.no").last()
    if stored is None:  # refused (an empty title after cleaning): nothing stored to check
        assert response.status_code == 400
        return
    assert_harmless(stored.description)
    for plain in (stored.title, stored.name):
        assert not TAG.search(plain), plain  # text only; a lone "<" is escaped when shown
    # Shown to a coordinator, and as the draft case made from it.
    inspect = admin_client.get(INSPECT.format(stored.pk))
    assert inspect.status_code == 200
    if "<" in payload:
        assert payload not in inspect.content.decode()
    assert_harmless(shown_as(inspect.content.decode(), "Beskrivelse"))
    case = stored.make_draft()
    draft = admin_client.get(f"/admin/pages/{case.pk}/view_draft/").content.decode()
    main = draft.split("<main", 1)[1].split("</main>", 1)[0]
    assert not DANGEROUS.search(main), DANGEROUS.search(main)


def shown_as(html, label):
    """What the admin's inspect view shows for a field: the <dd> after its <dt>."""
    return re.search(rf"<dt>{label}</dt>\s*<dd>(.*?)</dd>", html, re.S)[1].strip()


def test_allowed_markup_stays(client):
    html = (
        '<p>Se <a href="https://froya.example/plan">planen</a> og '
        "<strong>resultatene</strong>.</p><ul><li>én</li></ul>"
    )
    assert client.post(URL, suggestion(description=html)).status_code == 302
    stored = CaseSuggestion.objects.get()
    assert stored.description == html


def test_a_normal_visitor_is_thanked(client):
    response = client.post(URL, suggestion(), follow=True)
    assert response.status_code == 200
    assert "Takk for forslaget" in response.content.decode()
    stored = CaseSuggestion.objects.get()
    assert (stored.kommune.kommunenummer, stored.status) == ("5014", "new")
    assert stored.consent_given_at is not None


def test_the_honeypot_stops_programs_and_keeps_nothing(client):
    response = client.post(URL, suggestion(website="https://spam.example"))
    assert response.status_code == 400
    assert "Ikke fyll ut dette feltet" in response.content.decode()
    assert not CaseSuggestion.objects.exists()


def test_the_rate_limit_stops_the_sixth_suggestion_in_an_hour_from_one_address(client):
    for number in range(5):
        response = client.post(
            URL, suggestion(title=f"Forslag {number}"), REMOTE_ADDR="198.51.100.7"
        )
        assert response.status_code == 302
    response = client.post(URL, suggestion(title="Forslag 6"), REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Du har sendt mange forslag på kort tid" in html
    assert 'value="Forslag 6"' in html  # what the visitor typed is still there
    assert CaseSuggestion.objects.count() == 5
    # Someone else is not affected.
    assert client.post(URL, suggestion(), REMOTE_ADDR="198.51.100.8").status_code == 302


def test_invalid_and_over_long_input_is_explained_and_kept(client):
    long_text = "Vi gjorde mye. " * 400  # over 5,000 characters
    response = client.post(
        URL, suggestion(description=long_text, email="ikke-en-adresse", consent="", kommune="9999")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Sørg for at denne verdien har 5000 eller færre tegn" in html
    assert "Oppgi en gyldig epost-adresse" in html
    assert "Velg et gyldig valg" in html
    assert "Du må samtykke før du kan sende forslaget." in html
    assert "Vi gjorde mye. Vi gjorde mye." in html
    assert 'value="ikke-en-adresse"' in html
    assert not CaseSuggestion.objects.exists()


def test_a_form_without_a_csrf_token_is_refused_in_norwegian():
    response = Client(enforce_csrf_checks=True).post(URL, suggestion())
    assert response.status_code == 403
    assert "Skjemaet kunne ikke sendes" in response.content.decode()
    assert not CaseSuggestion.objects.exists()


def test_the_form_page_is_never_cached(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]


@pytest.mark.parametrize("prefix", ["", "/nn", "/en"])
def test_the_form_answers_in_every_language(client, prefix):
    response = client.get(prefix + URL)
    assert response.status_code == 200
    assert f'<html lang="{prefix.strip("/") or "nb"}"' in response.content.decode()


def test_a_coordinator_turns_a_suggestion_into_a_draft_case(client, admin_client):
    client.post(URL, suggestion())
    stored = CaseSuggestion.objects.get()
    assert admin_client.get(f"/admin/forslag/{stored.pk}/lag-utkast/").status_code == 200
    response = admin_client.post(f"/admin/forslag/{stored.pk}/lag-utkast/")
    stored.refresh_from_db()
    case = CasePage.objects.get(pk=stored.case_page_id)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{case.pk}/edit/"
    assert not case.live
    assert case.get_parent().specific.kommunenummer == "5014"
    assert case.title == "Sykkelbibliotek for alle"
    assert stored.status == "drafted"
    listing = admin_client.get(LISTING).content.decode()
    assert "Sykkelbibliotek for alle" in listing


def test_a_coordinator_sees_the_time_a_suggestion_came_in_oslo_time(
    client, admin_client, time_machine
):
    """The listing and the inspect view show the same time, Oslo's (12:00 UTC on a summer
    day is 14:00 in Oslo)."""
    time_machine.move_to(datetime.datetime(2024, 6, 3, 12, 0, tzinfo=datetime.UTC), tick=False)
    client.post(URL, suggestion())
    stored = CaseSuggestion.objects.get()
    assert "3. juni 2024 14:00" in admin_client.get(LISTING).content.decode()
    inspect = admin_client.get(INSPECT.format(stored.pk)).content.decode()
    assert shown_as(inspect, "Sendt") == "3. juni 2024 14:00"


def test_a_coordinator_reads_the_description_with_its_paragraphs_lists_and_links(
    client, admin_client
):
    """The cleaned markup is shown as markup, as it will be in the draft case; not as
    «<p>…</p>» to read through."""
    html = (
        '<p>Se <a href="https://froya.example/plan">planen</a>.</p><ul><li>én</li><li>to</li></ul>'
    )
    client.post(URL, suggestion(description=html))
    stored = CaseSuggestion.objects.get()
    inspect = admin_client.get(INSPECT.format(stored.pk)).content.decode()
    assert shown_as(inspect, "Beskrivelse") == html


def test_a_description_stored_without_cleaning_is_cleaned_when_shown(admin_client):
    """The inspect view does not trust what is in the table: a row written some other way
    than through the form (an import, an old version) is cleaned again on the way out."""
    stored = CaseSuggestion.objects.create(
        name="Import",
        email="import@example.no",
        title="Importert",
        description='<p onclick="alert(1)">Tekst</p><script>alert(1)</script>',
        consent_given_at=datetime.datetime(2024, 6, 3, tzinfo=datetime.UTC),
    )
    inspect = admin_client.get(INSPECT.format(stored.pk)).content.decode()
    assert shown_as(inspect, "Beskrivelse") == "<p>Tekst</p>alert(1)"


@pytest.mark.parametrize("title", ["'>", "<b>«»</b> !!!", "Sykkelbibliotek for alle"])
def test_every_suggestion_becomes_a_draft_with_a_valid_slug(client, admin_client, title):
    """A title with nothing a slug can be made of, and the same title twice."""
    for address in ("192.0.2.21", "192.0.2.22"):
        assert client.post(URL, suggestion(title=title), REMOTE_ADDR=address).status_code == 302
    slugs = []
    for stored in CaseSuggestion.objects.order_by("pk"):
        response = admin_client.post(f"/admin/forslag/{stored.pk}/lag-utkast/")
        assert response.status_code == 302
        stored.refresh_from_db()
        case = CasePage.objects.get(pk=stored.case_page_id)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", case.slug), case.slug
        assert case.title == stored.title
        slugs.append(case.slug)
    assert len(set(slugs)) == 2


def test_a_draft_that_fails_half_way_leaves_nothing_behind(client, admin_client, monkeypatch):
    client.post(URL, suggestion())
    stored = CaseSuggestion.objects.get()
    before = CasePage.objects.count()

    def fail(*args, **kwargs):
        raise RuntimeError("databasen falt ut")

    monkeypatch.setattr(CasePage, "save_revision", fail)
    with pytest.raises(RuntimeError):
        stored.make_draft()
    assert CasePage.objects.count() == before
    monkeypatch.undo()
    # The next try works.
    assert admin_client.post(f"/admin/forslag/{stored.pk}/lag-utkast/").status_code == 302
    assert CasePage.objects.count() == before + 1


REDIS_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/15",
        "KEY_PREFIX": "test-rate-limit",
    }
}


@pytest.mark.parametrize(
    "caches",
    [None, pytest.param(REDIS_CACHE, marks=needs_redis)],
    ids=["memory cache", "Redis, as in production"],
)
def test_the_rate_limit_holds_when_suggestions_arrive_at_once(settings, caches):
    """24 posts from one address at the same moment: exactly the limit gets through."""
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    from django.db import connection

    if caches:
        # The rate limit's cache replaced; the page cache (and its generation) stays.
        settings.CACHES = {**settings.CACHES, **caches}
        cache.clear()
    start = Barrier(24)

    def in_own_connection(work):
        # Each thread has its own database connection, as each app server process has:
        # what it stores is committed, outside the test's transaction.
        try:
            return work()
        finally:
            connection.close()

    def post(number):
        start.wait()
        response = Client().post(
            URL, suggestion(title=f"Samtidig {number}"), REMOTE_ADDR="203.0.113.99"
        )
        return response.status_code

    def stored_and_removed():
        found = CaseSuggestion.objects.filter(title__startswith="Samtidig")
        count = found.count()
        found.delete()
        return count

    with ThreadPoolExecutor(max_workers=24) as pool:
        statuses = list(pool.map(lambda n: in_own_connection(lambda: post(n)), range(24)))
        stored = pool.submit(in_own_connection, stored_and_removed).result()
    assert statuses.count(302) == 5, statuses
    assert statuses.count(429) == 19, statuses
    assert stored == 5


def test_a_coordinator_who_is_no_superuser_handles_suggestions(client, django_user_model):
    from django.contrib.auth.models import Group

    Client().post(URL, suggestion())
    stored = CaseSuggestion.objects.get()
    coordinator = django_user_model.objects.create_user("koord", "k@example.no", "x")
    coordinator.groups.add(Group.objects.get(name="Nettverkskoordinator"))
    client.force_login(coordinator)
    listing = client.get("/admin/snippets/cases/casesuggestion/")
    assert listing.status_code == 200
    assert "Sykkelbibliotek for alle" in listing.content.decode()
    assert "Forslag til eksempler" in client.get("/admin/").content.decode()  # in the menu
    inspect = client.get(f"/admin/snippets/cases/casesuggestion/inspect/{stored.pk}/")
    assert inspect.status_code == 200
    assert client.post(f"/admin/forslag/{stored.pk}/lag-utkast/").status_code == 302


def test_behind_a_proxy_the_limit_counts_each_visitor_not_the_proxy(client, settings):
    """The proxy's address is every visitor's REMOTE_ADDR; the visitor's own is the last
    one the proxy added to X-Forwarded-For. What a visitor writes there is not trusted."""
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for number in range(5):
        forwarded = f"spoofed-{number}, 198.51.100.20"  # a visitor trying to look like five
        response = client.post(
            URL, suggestion(title=f"Via proxy {number}"), HTTP_X_FORWARDED_FOR=forwarded, **proxy
        )
        assert response.status_code == 302
    response = client.post(
        URL, suggestion(), HTTP_X_FORWARDED_FOR="spoofed-6, 198.51.100.20", **proxy
    )
    assert response.status_code == 429
    # Another visitor through the same proxy is not affected.
    other = client.post(URL, suggestion(), HTTP_X_FORWARDED_FOR="198.51.100.21", **proxy)
    assert other.status_code == 302
