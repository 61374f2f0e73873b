"""Accessibility in a real browser: axe-core (from package-lock.json) in headless Chromium
(Debian's package, driven by Playwright) finds no WCAG 2.1 A/AA violation on the main
page types, in bokmål, nynorsk and English. Run with `make test-browser`."""

import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

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
]
LANGUAGE_PREFIXES = {"nb": "", "nn": "/nn", "en": "/en"}

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


def test_no_wcag_21_aa_violations(live_server, browser):
    # A transactional test starts from an empty database: load the network into it.
    call_command("bootstrap", verbosity=0)
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
    assert not problems, "\n".join(problems)


def check_with_axe(page, url, language):
    assert page.get_attribute("html", "lang") == language, url
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
