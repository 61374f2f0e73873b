"""The portal in a real browser, headless Chromium (Debian's package, driven by Playwright):
axe-core (from package-lock.json) finds no WCAG 2.1 A/AA violation on the main page types,
and no page is wider than a phone's screen, in bokmål, nynorsk and English. Run with
`make test-browser`."""

import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.conftest import project_page_models

BASE_DIR = Path(__file__).resolve().parent.parent
AXE = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = [
    "/",
    "/kommuner/",
    "/kommuner/froya/",
    "/tema/matsvinn/",
    "/rapporter/",
    "/rapporter/?year=abc&kommune=5014",  # with the error summary
    "/kommuner/froya/baerekraftsrapport-2024/",
    "/god-praksis/",
    "/god-praksis/?mal=99",  # with the error summary
    "/kommuner/froya/halvert-matsvinn-i-skolekantina/",
    "/god-praksis/foresla/",
    "/baerekraftfredag/",
    "/baerekraftfredag/2025-03-matsvinn-i-barnehagen/",
    "/sok/?q=matsvinn",  # results with facets
    "/sok/?q=matsvinn&kommune=5014",  # a chosen facet
    "/sok/?q=finnesikke&tema=matsvinn",  # no results
    "/kommuner/finnes-ikke/",
    "/indikatorer/",
    "/kommuner/froya/indikatorer/",  # the ståstedsanalyse, every chart and table
    "/kommuner/froya/indikatorer/?sammenlign=5001&sammenlign=5006",
    "/indikatorer/EKS-AVFALL/",  # the ranking and the small multiples
    "/indikatorer/EKS-AVFALL/innbygging/?kommune=5014",
    "/aktuelt/",
    "/aktuelt/flere-skoler-maler-matsvinnet/",
    "/om-nettverket/",  # the member organisations
    "/varsler/",
    "/varsler/sendt/",
]
LANGUAGE_PREFIXES = {"nb": "", "nn": "/nn", "en": "/en"}
PHONE_WIDTHS = [320, 390]
# What renders HTML besides the page types themselves: routed sub-pages and error states.
ROUTED_PATHS = [
    "/god-praksis/foresla/",
    "/sok/?q=matsvinn",
    "/god-praksis/?mal=99",  # a listing with the error summary
    "/kommuner/finnes-ikke/",  # the 404 page
    "/kommuner/froya/indikatorer/",
    "/indikatorer/EKS-AVFALL/",
    "/indikatorer/EKS-AVFALL/innbygging/?kommune=5014",
    "/varsler/",
]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser(monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls made here
    # are plain synchronous setup, and the live server works in its own thread.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


def format_violations(url, violations):
    return [
        f"{url}: {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in violations
    ]


def a_contact_for_froya():
    """A contact person who has agreed to be listed, so that the card is checked too."""
    from network.models import KommuneContact, KommunePage

    for froya in KommunePage.objects.filter(kommunenummer="5014"):
        KommuneContact.objects.create(
            page=froya,
            name="Kari Nordmann",
            role="Rådgiver, klima og miljø",
            email="kari@example.no",
            phone="72 00 00 00",
            consent=True,
            consent_date="2026-11-01",
        )


def test_no_wcag_21_aa_violations(live_server, browser):
    # A transactional test starts from an empty database: load the network into it.
    call_command("bootstrap", verbosity=0)
    a_contact_for_froya()
    page = browser.new_page()
    problems = []
    for language, prefix in LANGUAGE_PREFIXES.items():
        for path in PAGES:
            url = live_server.url + prefix + path
            page.goto(url)
            problems += check_with_axe(page, url, language)
        # The suggestion form as it comes back with errors.
        page.goto(live_server.url + prefix + "/god-praksis/foresla/")
        page.click(".suggest-form button[type=submit]")
        assert page.locator(".ds-error-summary").is_visible()
        problems += check_with_axe(page, page.url + " (med feil)", language)
        # The e-mail alert form too.
        page.goto(live_server.url + prefix + "/varsler/")
        page.click(".suggest-form button[type=submit]")
        assert page.locator(".ds-error-summary").is_visible()
        problems += check_with_axe(page, page.url + " (med feil)", language)
    assert not problems, "\n".join(problems)


def check_with_axe(page, url, language):
    assert page.get_attribute("html", "lang") == language, url
    # What is folded away (the tables after the charts) is checked too.
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA
    )
    assert result["passes"], url  # axe really ran and checked something on this page
    return format_violations(url, result["violations"])


def test_keyboard_focus_is_visible_and_skip_link_works(live_server, browser):
    call_command("bootstrap", verbosity=0)
    page = browser.new_page()
    page.goto(live_server.url + "/kommuner/")
    page.keyboard.press("Tab")
    skip_link = page.locator(".ds-skip-link")
    assert skip_link.evaluate("el => el === document.activeElement")
    assert skip_link.is_visible()
    outline = skip_link.evaluate(
        "el => getComputedStyle(el).outlineStyle + getComputedStyle(el).boxShadow"
    )
    assert outline not in ("nonenone", "none")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "innhold"


# The elements that break out to the right, widest first: an element whose box passes the
# viewport's right edge while its parent's box does not, or whose own text runs past the
# edge of a box that fits. What sits inside a container with an overflow of its own (a
# table that scrolls in its box) is left out: it does not widen the page.
OVERFLOWING_ELEMENTS = """width => {
    const inOwnOverflow = el => {
        for (let up = el.parentElement; up !== document.body; up = up.parentElement) {
            if (getComputedStyle(up).overflowX !== "visible") return true;
        }
        return false;
    };
    const textRight = el => {
        if (getComputedStyle(el).overflowX !== "visible") return 0;
        let right = 0;
        for (const node of el.childNodes) {
            if (node.nodeType !== Node.TEXT_NODE || !node.textContent.trim()) continue;
            const range = document.createRange();
            range.selectNodeContents(node);
            right = Math.max(right, range.getBoundingClientRect().right);
        }
        return right;
    };
    const describe = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
        + [...el.classList].map(name => "." + name).join("")
        + " «" + el.textContent.trim().replace(/\\s+/g, " ").slice(0, 40) + "»";
    const found = [];
    for (const el of document.body.querySelectorAll("*")) {
        if (inOwnOverflow(el)) continue;
        const box = el.getBoundingClientRect();
        let right = 0;
        if (box.right <= width) right = textRight(el);
        else if (el.parentElement.getBoundingClientRect().right <= width) right = box.right;
        if (right > width) found.push([right, describe(el)]);
    }
    found.sort((a, b) => b[0] - a[0]);
    return found.slice(0, 5).map(([right, name]) => `${name} reaches ${Math.round(right)} px`);
}"""


def test_no_page_is_wider_than_a_phone(live_server, browser):
    call_command("bootstrap", verbosity=0)
    # One live page of every page type, so that a page type added later is covered too.
    pages = []
    for language, prefix in LANGUAGE_PREFIXES.items():
        for model in project_page_models():
            found = model.objects.live().filter(locale__language_code=language).first()
            assert found is not None, f"The bootstrap creates no {model.__name__} in {language}"
            pages.append((model.__name__, language, found.url))
        pages += [(path, language, prefix + path) for path in ROUTED_PATHS]
    page = browser.new_page()
    problems = []
    for width in PHONE_WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        for name, language, path in pages:
            page.goto(live_server.url + path)
            assert page.get_attribute("html", "lang") == language, path
            page_width = page.evaluate("document.documentElement.scrollWidth")
            if page_width > width:
                culprits = page.evaluate(OVERFLOWING_ELEMENTS, width)
                problems.append(
                    f"{name} ({path}) in {language} at {width} px is {page_width} px wide: "
                    + ("; ".join(culprits) or "no single element found")
                )
    assert not problems, "\n".join(problems)
