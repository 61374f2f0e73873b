"""The admin speaks bokmål on the journeys of a kommune editor and a network coordinator:
no English string from Wagtail's or Django's catalogues on their screens, nor in the
e-mails the approval workflow sends. The strings to look for come from the English
catalogues, so the check grows with Wagtail: every msgid that no catalogue Django loads
translates to bokmål (locale_admin/ holds ours), and every msgid that has a bokmål
translation but shows on a screen as it is (a label Django made from a field's name)."""

import datetime
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import django
import polib
import pytest
import wagtail
import wagtail_localize
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from reports.factories import ReportPageFactory
from reports.placeholder import placeholder_pdf
from tests.conftest import froya as froya_page
from tests.conftest import project_page_models

pytestmark = pytest.mark.django_db

ADMIN_CATALOGUES = Path(__file__).resolve().parent.parent / "locale_admin" / "nb" / "LC_MESSAGES"
WAGTAIL_PACKAGES = [Path(wagtail.__file__).parent, Path(wagtail_localize.__file__).parent]
# Django's own texts show in the admin too: form labels, validation, relative times.
DJANGO_PACKAGE = Path(django.__file__).parent

# English seen on these screens before locale_admin/ existed (and "kladd", Wagtail's word for
# what the portal calls "utkast"). Kept by hand, next to the list that grows by itself.
SEEN_ON_THE_SCREENS = [
    "Go to the first error",
    "The page could not be saved due to validation errors",
    "The page could not be created due to validation errors",
    "The name of the page displayed on search engine results",
    "The descriptive text displayed underneath a headline in search engine results",
    "Autosave is paused",
    "You have unsaved edits",
    "Save your changes before leaving",
    "Skip to main content",
    "Toggle sidebar",
    "Keyboard shortcuts",
    "Edit account avatar",
    "No publishing schedule set",
    "Anyone can edit this",
    "Visible to all",
    "Preview in new tab",
    "In Moderation",
    "Request changes",
    "Approve with comment",
    "Changes requested",
    "Workflow history",
    "Workflow started",
    "Draft saved",
    "Maximum filesize",
    "Multi-word tags",
    "upload one now",
    "has been submitted for approval",
    "has been approved in workflow",
    "has been rejected during",
    "The following comment was left",
    "Hello ",
    "kladd",
]

# Slips in the bokmål that editors met on these screens, most of them in Wagtail's own
# catalogues: typos, stilted or wrong wording, another word than the portal's for the same
# thing, and Wagtail's name where the portal's belongs. locale_admin/ puts them right.
BOKMAL_SLIPS = [
    r"Tiittel",  # the help text of every page's title
    r"\bme den\b",  # after an image is uploaded
    r"Venter på din anmeldelse",  # a coordinator approves; an "anmeldelse" is a review
    r"nnholdet \(",  # "innholdet (side)": a noun that cannot take the definite form
    r"stemmer ikke overens|Vennligst",  # the failed login, starting in lower case
    r"Logg inn på Wagtail|Gå til Wagtail admin| - Wagtail$",  # the portal has a name
    r"Hvorvidt",
    r"Sidevernsendringer",
    r"forespurt hos",  # "Changes requested at" a task: "hos" is at a person's
    r"\b(Redigér|Avpublisér|Oppdatér|Kopiér|Publisér)",  # no accent on these verbs
    r"på skjermen valg\b",
    r"blir avvist",  # a coordinator asks for changes; nothing is rejected
    r"\bdin datamaskin",
    r"[Mm]erkelapp",  # the document form says "Stikkord"
    r"og/eller",
    r'Siden "',  # quotation marks are «…», as in the e-mails
]


def slips_in(strings):
    return sorted({slip for slip in BOKMAL_SLIPS for s in strings if re.search(slip, s)})


# Hard-coded in Wagtail 8.0's templates, outside any catalogue, so no entry in locale_admin/
# can reach them: the hidden submit button of the admin's search forms (read by screen
# readers), the header's <nav aria-label="Actions">, and the side panel toggle's empty
# counter ("None", hidden). Fixing them means copying Wagtail's templates; left to Wagtail.
HARD_CODED_IN_WAGTAIL = {"Search", "Actions", "None"}


# --- What a screen says: its text, the attributes read aloud, the JSON it hands to scripts


TEXT_ATTRIBUTES = {"title", "aria-label", "aria-description", "placeholder", "alt"}
BUTTON_TYPES = {"submit", "button", "reset"}
# Names, paths, addresses and constants inside the data: not text anyone reads.
IDENTIFIER = re.compile(r"[a-z0-9_.:#-]*|[A-Z0-9_]+|/\S*|https?://\S*")


class AdminPage(HTMLParser):
    """The strings of an admin page that a person sees or hears, and its form fields as the
    browser would send them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.strings, self.fields = [], []
        self._script = self._textarea = self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if value and name in TEXT_ATTRIBUTES:
                self.strings.append(value)
            elif value and name.startswith("data-") and name.endswith("-value"):
                # Stimulus values: plain text, or JSON (labels, messages, telepath widgets).
                self.strings.extend(json_strings(value))
        if tag == "script":
            self._script = [attrs.get("type"), ""]
        elif tag == "input":
            if attrs.get("type") in BUTTON_TYPES and attrs.get("value"):
                self.strings.append(attrs["value"])
            self._add_input(attrs)
        elif tag == "textarea":
            self._textarea = [attrs.get("name"), ""]
        elif tag == "select":
            self._select = attrs.get("name")
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value", "")))

    def _add_input(self, attrs):
        name, kind = attrs.get("name"), attrs.get("type", "text")
        if not name or kind in BUTTON_TYPES | {"file", "image"}:
            return
        if kind in ("checkbox", "radio") and "checked" not in attrs:
            return
        self.fields.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))

    def handle_endtag(self, tag):
        if tag == "script" and self._script:
            if self._script[0] == "application/json":  # wagtail-config, sidebar, comments
                self.strings.extend(json_strings(self._script[1]))
            self._script = None
        elif tag == "textarea" and self._textarea:
            if self._textarea[0]:
                self.fields.append(tuple(self._textarea))
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._script:
            self._script[1] += data
        elif self._textarea:
            self._textarea[1] += data
        else:
            self.strings.append(data)


def json_strings(value):
    """The readable strings in a JSON value; markup inside it (a widget's template) is
    read as a page of its own."""
    try:
        data = json.loads(value)
    except ValueError:
        data = value
    found = []

    def walk(item):
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            for child in item:
                walk(child)
        elif isinstance(item, str) and not IDENTIFIER.fullmatch(item):
            found.extend(page_strings(item) if item.lstrip().startswith("<") else [item])

    walk(data)
    return found


def read(html):
    page = AdminPage()
    page.feed(html)
    return page


def page_strings(html):
    return [" ".join(s.split()) for s in read(html).strings if s.strip()]


def form_data(html, **changes):
    """The form on the page as the browser would send it, with some fields changed."""
    data = {}
    for name, value in read(html).fields:
        data.setdefault(name, []).append(value)
    return {**data, **{name.replace("__", "-"): [value] for name, value in changes.items()}}


# --- What could be English: Wagtail's msgids with no bokmål translation -------------------

PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")
MODEL_NAME = {"%(model_name)s", "{model_name}"}
HTML_TAG = re.compile(r"<[^>]+>")


def english_catalogues(domain):
    for package in [*WAGTAIL_PACKAGES, DJANGO_PACKAGE]:
        yield from sorted(package.glob(f"**/locale/en/LC_MESSAGES/{domain}.po"))


def catalogue_key(entry):
    key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
    return (key, 0) if entry.msgid_plural else key


def bokmal_catalogue():
    with translation.override("nb"):
        return translation.trans_real.translation("nb")._catalog


def untranslated_msgids():
    """Every msgid (and plural) of Wagtail's and Django's English catalogues that no
    catalogue Django loads for nb translates: Wagtail's own nb, wagtail-localize's,
    Django's (of the apps that are installed), or ours."""
    bokmal = bokmal_catalogue()
    missing = set()
    for path in english_catalogues("django"):
        for entry in polib.pofile(str(path)):
            if not entry.obsolete and catalogue_key(entry) not in bokmal:
                missing.update(filter(None, [entry.msgid, entry.msgid_plural]))
    return missing


def translated_msgids():
    """Every msgid (not plural) of those catalogues that has a bokmål translation other
    than itself. On a screen as a whole string, it is English that bypassed gettext."""
    bokmal = bokmal_catalogue()
    translated = set()
    for path in english_catalogues("django"):
        for entry in polib.pofile(str(path)):
            key = catalogue_key(entry)
            if (
                not entry.obsolete
                and not entry.msgid_plural
                and bokmal.get(key, entry.msgid) != entry.msgid
            ):
                translated.add(entry.msgid)
    # A language is named in its own language in the language picker.
    return translated - {name for _code, name in settings.LANGUAGES} - HARD_CODED_IN_WAGTAIL


def msgid_pattern(msgid):
    """The msgid as it shows on a page: markup left out, any text where a placeholder was.
    None for a msgid with too little English to recognise ("%(action)s at %(at)s")."""
    parts = PLACEHOLDER.split(" ".join(HTML_TAG.sub(" ", msgid).split()))
    if len(re.sub(r"[^A-Za-z]", "", "".join(parts))) < 4:
        return None
    body = r".{0,80}?".join(r"\s+".join(map(re.escape, part.split())) for part in parts)
    return re.compile(rf"(?<![\w-]){body}(?![\w-])")


def english_patterns(msgids):
    """(msgid, pattern, is one word) for each msgid with enough English to recognise."""
    patterns = []
    for msgid in msgids:
        if pattern := msgid_pattern(msgid):
            one_word = len(re.findall(r"[A-Za-z']+", PLACEHOLDER.sub(" ", msgid))) == 1
            patterns.append((msgid, pattern, one_word))
    return patterns


def english_with_bokmal_in(strings, msgids):
    """The msgids that make up a whole string on the screen, though they have bokmål."""
    return sorted({s.strip(" :.…*") for s in strings} & msgids)


def english_in(strings, patterns):
    """The msgids that show in these strings. A msgid of one word must be a whole string
    (give or take punctuation): inside a sentence it may well be a Norwegian word."""
    text = "\n".join(strings)
    whole = {s.strip(" :.…*") for s in strings}
    found = []
    for msgid, pattern, one_word in patterns:
        if one_word:
            if any(pattern.fullmatch(s) for s in whole):
                found.append(msgid)
        elif pattern.search(text):
            found.append(msgid)
    return sorted(found)


# --- The journeys -------------------------------------------------------------------------


@pytest.fixture
def froya():
    return froya_page()


class Journey:
    """What the screens and e-mails of a journey said, screen by screen."""

    def __init__(self, client):
        self.client = client
        self.screens = {}

    def see(self, name, response, *, expect=None):
        """Read a screen; `expect` (in Wagtail's own bokmål) shows it is the right one."""
        assert response.status_code == 200, (name, response.status_code)
        if response["Content-Type"].startswith("application/json"):
            data = response.json()
            html = data.get("html") or data.get("form", "")
        else:
            html = response.content.decode()
        self.screens[name] = page_strings(html)
        if expect:
            assert expect in " ".join(self.screens[name]), (name, expect)
        return html

    def get(self, name, url, **kwargs):
        return self.see(name, self.client.get(url), **kwargs)

    def post(self, name, url, data, **kwargs):
        return self.see(name, self.client.post(url, data, follow=True), **kwargs)

    def read_mail(self):
        for message in mail.outbox:
            name = f"e-post «{message.subject}» til {', '.join(message.to)}"
            self.screens[name] = [message.subject, *message.body.splitlines()]
            for content, _mimetype in message.alternatives:
                self.screens[name] += page_strings(content)
        mail.outbox.clear()


def walk_the_journeys(client, editor, coordinator, froya, clock):
    """A kommune editor creates a case, gets it wrong once, uploads a document, submits the
    case; a coordinator asks for changes; the editor sends it again; the coordinator
    approves. A report is opened as well. Minutes pass on the `clock` (time-machine)
    between the steps, so the status panels say how long ago things happened in words,
    not "now"."""
    clock.move_to(timezone.now())
    journey = Journey(client)
    journey.get("innlogging", "/admin/login/", expect="Logg inn")
    journey.post(
        "innlogging med feil passord",
        "/admin/login/",
        {"username": editor.username, "password": "feil"},
        expect="Feil brukernavn eller passord.",
    )

    client.force_login(editor)
    journey.get("kontrollpanel (redaktør)", "/admin/")
    journey.get("sideutforsker", f"/admin/pages/{froya.pk}/")
    journey.get("velg sidetype", f"/admin/pages/{froya.pk}/add_subpage/")
    journey.get("ny rapport", f"/admin/pages/add/reports/reportpage/{froya.pk}/")
    new_case = f"/admin/pages/add/cases/casepage/{froya.pk}/"
    form = journey.get("nytt eksempel", new_case)
    # A StreamField's inputs are made by JavaScript; an empty body is what it would send.
    journey.post(
        "nytt eksempel med feil",
        new_case,
        form_data(form, title="", body__count="0"),
        expect="Dette feltet er påkrevet.",
    )
    journey.post(
        "nytt eksempel lagret",
        new_case,
        form_data(
            form,
            title="Kompost i barnehagen",
            slug="kompost-i-barnehagen",
            summary="Barna lærte å kompostere matrester.",
            period_start="2024-03-01",
            body__count="0",
        ),
    )
    case = froya.get_children().get(slug="kompost-i-barnehagen").specific
    edit = f"/admin/pages/{case.pk}/edit/"
    form = journey.get("rediger eksempel", edit)
    journey.post(
        "rediger eksempel med feil",
        edit,
        form_data(form, title="", body__count="0"),
        expect="Dette feltet er påkrevet.",
    )
    report = ReportPageFactory(parent=froya, live=False)
    journey.get("rediger rapport", f"/admin/pages/{report.pk}/edit/")
    journey.get("historikk", f"/admin/pages/{case.pk}/history/")

    journey.get("dokumenter", "/admin/documents/")
    journey.get("legg til dokumenter", "/admin/documents/multiple/add/")
    pdf = SimpleUploadedFile("rapport.pdf", placeholder_pdf("Rapport", "Frøya", 2024))
    journey.see(
        "dokument lastet opp",
        client.post(
            "/admin/documents/multiple/add/",
            {"files[]": pdf},
            headers={"x-requested-with": "XMLHttpRequest"},
        ),
    )
    journey.get("tekstuttrekk fra PDF", "/admin/reports/tekstuttrekk/", expect="Melding")
    journey.get("dokumentvelger", "/admin/documents/chooser/", expect="Last opp")
    journey.post("dokumentvelger, opplasting med feil", "/admin/documents/chooser/create/", {})
    journey.get("bildevelger", "/admin/images/chooser/")
    journey.get("legg til bilder", "/admin/images/multiple/add/")
    journey.get("konto", "/admin/account/")

    mail.outbox.clear()
    journey.post(
        "sendt til godkjenning",
        edit,
        form_data(form, body__count="0", **{"action-submit": "1"}),
        expect="er sendt til godkjenning",
    )
    assert mail.outbox, "a submitted case notifies the coordinators"
    journey.read_mail()
    clock.shift(datetime.timedelta(minutes=11))
    journey.get("rediger eksempel til godkjenning (redaktør)", edit, expect="for 11 minutter siden")
    journey.get("kontrollpanel til godkjenning (redaktør)", "/admin/")
    case.refresh_from_db()
    journey.get("godkjenningshistorikk", f"/admin/pages/{case.pk}/workflow_history/")
    journey.get(
        "godkjenningsstatus",
        f"/admin/pages/{case.pk}/workflow_history/detail/{case.current_workflow_state.pk}/",
    )

    client.force_login(coordinator)
    task_state = case.current_workflow_task_state
    action = f"/admin/pages/workflow/action/{case.pk}/%s/{task_state.pk}/"
    journey.get("kontrollpanel (koordinator)", "/admin/", expect="Venter på at du godkjenner")
    journey.get("rediger eksempel (koordinator)", edit, expect="Godkjenn")
    journey.get("be om endringer", action % "reject")
    journey.get("godkjenn", action % "approve")
    journey.get(
        "forhåndsvisning for godkjenning",
        f"/admin/pages/workflow/preview/{case.pk}/{task_state.task_id}/",
    )
    journey.get("rapport om godkjenninger", "/admin/reports/workflow/")
    journey.get("rapport om godkjenningstrinn", "/admin/reports/workflow_tasks/")
    journey.post("bedt om endringer", action % "reject", {"comment": "Skriv mer om resultatene."})
    assert mail.outbox, "asking for changes notifies the editor"
    journey.read_mail()
    clock.shift(datetime.timedelta(minutes=16))

    client.force_login(editor)
    form = journey.get(
        "rediger eksempel, bedt om endringer (redaktør)", edit, expect="for 16 minutter siden"
    )
    journey.get("kontrollpanel, bedt om endringer (redaktør)", "/admin/")
    journey.post(
        "sendt på nytt",
        edit,
        form_data(form, body__count="0", **{"action-restart-workflow": "1"}),
    )
    journey.read_mail()

    client.force_login(coordinator)
    case.refresh_from_db()
    action = (
        f"/admin/pages/workflow/action/{case.pk}/approve/{case.current_workflow_task_state.pk}/"
    )
    journey.post("godkjent", action, {"comment": "Fint!"})
    assert mail.outbox, "an approved case notifies the editor"
    journey.read_mail()
    journey.get("rediger publisert eksempel (koordinator)", edit)
    journey.get("sideutforsker (koordinator)", f"/admin/pages/{froya.pk}/")
    journey.get("historikk etter godkjenning", f"/admin/pages/{case.pk}/history/")
    return journey.screens


def test_the_editors_journeys_speak_bokmal(client, froya_editor, coordinator, froya, time_machine):
    screens = walk_the_journeys(client, froya_editor, coordinator, froya, time_machine)
    untranslated = english_patterns(untranslated_msgids())
    translated = translated_msgids()
    english, slips = {}, {}
    for name, strings in screens.items():
        text = " ".join(" ".join(strings).split())
        found = english_in(strings, untranslated)
        found += english_with_bokmal_in(strings, translated)
        found += [seen for seen in SEEN_ON_THE_SCREENS if seen in text]
        if found:
            english[name] = found
        if found := slips_in(strings):
            slips[name] = found
    report = json.dumps(english, indent=1, ensure_ascii=False)
    assert not english, (
        "English on these screens; translate it in locale_admin/nb/LC_MESSAGES/django.po "
        "(msgids from Wagtail's and Django's locale/en catalogues), or, where the catalogues "
        f"have bokmål for it already, find where it goes round gettext: {report}"
    )
    report = json.dumps(slips, indent=1, ensure_ascii=False)
    assert not slips, (
        "Slips in the bokmål on these screens; put them right in locale_admin/nb/LC_MESSAGES/"
        f'django.po, marked "Replaces Wagtail\'s own bokmål" where Wagtail has one: {report}'
    )


def test_the_admin_javascript_speaks_bokmal(client, froya_editor):
    """Wagtail's JavaScript gets its texts from /admin/jsi18n/ (the djangojs domain), which
    also reads LOCALE_PATHS: every one of them has a bokmål translation."""
    client.force_login(froya_editor)
    script = client.get("/admin/jsi18n/").content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", script, re.S)[1])
    admin_js = Path(apps.get_app_config("wagtailadmin").path) / "locale/en/LC_MESSAGES/djangojs.po"
    missing = [e.msgid for e in polib.pofile(str(admin_js)) if e.msgid not in catalogue]
    assert not missing, f"Translate these in locale_admin/nb/LC_MESSAGES/djangojs.po: {missing}"
    assert catalogue["Autosave in progress…"] == "Lagrer automatisk …"


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_admin_catalogue_keeps_wagtails_msgids_and_placeholders(domain):
    """Each entry translates a string Wagtail (or Django) still has, with the same
    placeholders: a placeholder lost or made up breaks the message, or the page, at run
    time. One may be left out: the name of the model, which is filled in by name, so
    leaving it out breaks nothing. Bokmål cannot put a noun given from outside in its
    definite form ("side", not "siden"), and «innholdet (side)» reads worse than none."""
    english = {
        entry.msgid: entry
        for path in english_catalogues(domain)
        for entry in polib.pofile(str(path))
    }
    problems = []
    for entry in polib.pofile(str(ADMIN_CATALOGUES / f"{domain}.po")):
        source = english.get(entry.msgid)
        if source is None or source.msgid_plural != entry.msgid_plural:
            problems.append(f"not in Wagtail's {domain} catalogues: {entry.msgid!r}")
            continue
        if entry.msgid_plural:
            pairs = [
                (entry.msgid, entry.msgstr_plural[0]),
                (entry.msgid_plural, entry.msgstr_plural[1]),
            ]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for msgid, msgstr in pairs:
            expected = sorted(PLACEHOLDER.findall(msgid))
            found = sorted(PLACEHOLDER.findall(msgstr))
            if not msgstr or found not in (expected, [p for p in expected if p not in MODEL_NAME]):
                problems.append(f"{msgid!r} -> {msgstr!r}")
    assert not problems, problems


# --- Edit forms ---------------------------------------------------------------------------


class FormHeadings(HTMLParser):
    """The headings of an edit form's panels and the labels of its fields."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings, self._open = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-panel-heading-text" in attrs or "w-field__label" in (attrs.get("class") or ""):
            self._open, self._text = tag, ""

    def handle_endtag(self, tag):
        if tag == self._open:
            self.headings.append(" ".join(self._text.split()))
            self._open = None

    def handle_data(self, data):
        if self._open:
            self._text += data


def assert_headings_start_with_a_capital(response):
    parser = FormHeadings()
    parser.feed(response.content.decode())
    assert parser.headings, "no headings found: has Wagtail's markup changed?"
    uncapitalised = [text for text in parser.headings if text[:1].islower()]
    assert not uncapitalised, uncapitalised


@pytest.mark.parametrize("model", project_page_models(), ids=lambda m: m.__name__)
def test_every_page_form_starts_its_headings_with_a_capital(admin_client, model):
    """A panel's heading and a field's label come from the field's verbose_name, which the
    models write in lower case, as Django expects (it capitalises the label); a form field
    made by hand must do the same, or the heading shows as «delene rapporten dekker»."""
    page = model.objects.filter(locale__language_code="nb").first()
    assert_headings_start_with_a_capital(admin_client.get(f"/admin/pages/{page.pk}/edit/"))


@pytest.mark.parametrize("url", ["/admin/snippets/network/sdg/add/", "/admin/documents/add/"])
def test_the_other_forms_start_their_headings_with_a_capital(admin_client, url):
    assert_headings_start_with_a_capital(admin_client.get(url))
