"""E-mail alerts through a real SMTP server (aiosmtpd, started here): sign up, confirm,
an alert when a page is first published (and not again), the weekly digest, one-click
unsubscribe that deletes the address; bad input and abuse refused in Norwegian."""

import datetime
import email
import email.policy
import re
import socket

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from wagtail.models import Locale, PageViewRestriction

from alerts.models import Subscription
from cases.factories import CasePageFactory
from news.factories import NewsPageFactory
from news.models import NewsIndexPage
from reports.factories import ReportPageFactory
from tests.conftest import froya

pytestmark = pytest.mark.django_db


class Inbox:
    """What the SMTP server received, as parsed messages. It refuses mail to
    refused@example.no, as a mail server refuses an address that does not exist."""

    def __init__(self):
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == "refused@example.no":
            return "550 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 OK"

    def to(self, address):
        return [m for m in self.messages if m["To"] == address]


@pytest.fixture
def inbox(settings):
    from aiosmtpd.controller import Controller

    cache.clear()  # the sign-up limit counts per address, across tests otherwise

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    received = Inbox()
    controller = Controller(received, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    yield received
    controller.stop()


def header(message, name):
    # A long header is folded onto a new line; what it says is the same.
    return " ".join(str(message[name]).split())


def body(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def link(message, kind):
    return re.search(rf"https?://\S+/varsler/{kind}/\S+/", body(message)).group()


def path(url):
    return re.sub(r"^https?://[^/]+", "", url)


def sign_up(client, capture, address="kari@example.no", prefix="", **fields):
    data = {"email": address, "kinds": ["nyheter", "eksempler"], "frequency": "straks"}
    data.update(fields)
    with capture(execute=True):
        return client.post(f"{prefix}/varsler/", data)


def confirmed(client, capture, inbox, address="kari@example.no", **fields):
    assert sign_up(client, capture, address, **fields).status_code == 302
    [mail] = inbox.to(address)
    with capture(execute=True):
        client.post(path(link(mail, "bekreft")))
    return Subscription.objects.get(email=address, confirmed_at__isnull=False)


def publish_news(capture, title="Nytt om matsvinn", **fields):
    index = NewsIndexPage.objects.get(locale=Locale.get_default())
    with capture(execute=True):
        page = NewsPageFactory(parent=index, title=title, **fields)
        page.save_revision().publish()
    return page


def test_nothing_is_sent_but_the_confirmation_until_the_address_is_confirmed(
    client, inbox, django_capture_on_commit_callbacks
):
    response = sign_up(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response["Location"].endswith("/varsler/sendt/")
    [mail] = inbox.to("kari@example.no")
    assert "Bekreft" in mail["Subject"]
    assert "List-Unsubscribe" not in mail  # nothing to unsubscribe from yet
    publish_news(django_capture_on_commit_callbacks)
    assert len(inbox.to("kari@example.no")) == 1  # no alert before the confirmation
    confirm_page = client.get(path(link(mail, "bekreft")))
    assert "Bekreft" in confirm_page.content.decode()
    assert Subscription.objects.get().confirmed_at is None  # opening the link is not enough


def test_the_whole_flow_alert_once_then_one_click_unsubscribe_deletes_the_address(
    client, inbox, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    confirmed(client, capture, inbox)
    page = publish_news(capture)
    [_confirmation, alert] = inbox.to("kari@example.no")
    assert "Nytt om matsvinn" in alert["Subject"]
    assert page.full_url in body(alert)
    unsubscribe = link(alert, "avmeld")
    assert header(alert, "List-Unsubscribe") == f"<{unsubscribe}>"
    assert header(alert, "List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"

    with capture(execute=True):  # published again, and edited: no second alert
        page.title = "Nytt om matsvinn (rettet)"
        page.save_revision().publish()
    assert len(inbox.to("kari@example.no")) == 2

    response = client.post(path(unsubscribe), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscription.objects.filter(email="kari@example.no").exists()
    publish_news(capture, title="Enda en nyhet")
    assert len(inbox.to("kari@example.no")) == 2


def test_alerts_follow_the_chosen_themes_and_kommuner(
    client, inbox, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    confirmed(client, capture, inbox, kommuner=["5014"])
    with capture(execute=True):
        case = CasePageFactory(parent=froya(), title="Sykkelbibliotek på Frøya")
        case.save_revision().publish()
    publish_news(capture, title="Nyhet uten Frøya")
    subjects = [header(m, "Subject") for m in inbox.to("kari@example.no")[1:]]
    assert subjects == ["Nytt i Bærekraftsportalen: Sykkelbibliotek på Frøya"]


def test_a_private_page_is_never_announced(client, inbox, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    confirmed(client, capture, inbox)
    index = NewsIndexPage.objects.get(locale=Locale.get_default())
    page = NewsPageFactory(parent=index, title="Intern nyhet")
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    with capture(execute=True):
        page.save_revision().publish()
    assert len(inbox.to("kari@example.no")) == 1


def test_the_weekly_digest_gathers_the_week_once(client, inbox, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    with time_machine.travel(datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC)):
        confirmed(client, capture, inbox, frequency="ukentlig")
    with time_machine.travel(datetime.datetime(2026, 11, 4, 9, tzinfo=datetime.UTC)):
        publish_news(capture, title="Første nyhet")
        publish_news(capture, title="Andre nyhet")
    assert len(inbox.to("kari@example.no")) == 1  # weekly: nothing at once
    with time_machine.travel(datetime.datetime(2026, 11, 9, 6, tzinfo=datetime.UTC)):
        call_command("send_alert_digests", stdout=open("/dev/null", "w"))
        call_command("send_alert_digests", stdout=open("/dev/null", "w"))  # the same week
    [_confirmation, digest] = inbox.to("kari@example.no")
    text = body(digest)
    assert "Første nyhet" in text and "Andre nyhet" in text
    assert header(digest, "List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"
    # Unsubscribing from the digest's link, with the button, deletes the address.
    unsubscribe = path(link(digest, "avmeld"))
    assert "Meld meg av" in client.get(unsubscribe).content.decode()
    assert "e-postadressen din er slettet" in client.post(unsubscribe).content.decode()
    assert not Subscription.objects.filter(email="kari@example.no").exists()


def test_a_request_never_confirmed_is_deleted_after_a_week(
    client, inbox, django_capture_on_commit_callbacks
):
    with time_machine.travel(datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC)):
        sign_up(client, django_capture_on_commit_callbacks)
    with time_machine.travel(datetime.datetime(2026, 11, 10, 9, tzinfo=datetime.UTC)):
        call_command("send_alert_digests", stdout=open("/dev/null", "w"))
    assert not Subscription.objects.exists()


def test_a_nynorsk_sign_up_gets_nynorsk_mail_and_links(
    client, inbox, django_capture_on_commit_callbacks
):
    sign_up(client, django_capture_on_commit_callbacks, prefix="/nn")
    [mail] = inbox.to("kari@example.no")
    assert "/nn/varsler/bekreft/" in body(mail)
    assert header(mail, "Subject").startswith("Stadfest")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"email": "ikke-en-adresse"}, "Skriv en e-postadresse"),
        ({"email": "kari@example.no\r\nBcc: alle@example.no"}, "Skriv en e-postadresse"),
        ({"email": "k" * 250 + "@example.no"}, "254 eller færre tegn"),
        ({"kinds": []}, "Velg minst én ting"),
        ({"frequency": "hver time"}, "Velg et gyldig valg"),
        ({"kommuner": ["9999"]}, "Velg et gyldig valg"),
        ({"website": "http://spam.example"}, "må være tomt"),
    ],
)
def test_bad_input_is_refused_in_norwegian_and_what_was_typed_kept(
    client, inbox, django_capture_on_commit_callbacks, fields, message
):
    response = sign_up(client, django_capture_on_commit_callbacks, **fields)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    if fields.get("email") == "ikke-en-adresse":
        assert 'value="ikke-en-adresse"' in html
    assert not inbox.messages and not Subscription.objects.exists()


def test_the_form_is_rate_limited_and_cannot_flood_an_inbox(
    client, inbox, django_capture_on_commit_callbacks
):
    for _ in range(5):
        sign_up(client, django_capture_on_commit_callbacks)
    assert len(inbox.to("kari@example.no")) == 3  # at most three mails to one address an hour
    response = sign_up(client, django_capture_on_commit_callbacks)
    assert response.status_code == 429
    assert "Vent en time" in response.content.decode()


def test_an_old_or_made_up_link_says_so(client):
    for kind in ("bekreft", "avmeld"):
        response = client.get(f"/varsler/{kind}/finnes-ikke/")
        assert response.status_code == 404
        assert "Lenken virker ikke lenger" in response.content.decode()


def test_one_refused_address_does_not_stop_the_others_and_a_title_cannot_add_headers(
    client, inbox, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    for address in ("refused@example.no", "kari@example.no"):
        Subscription.objects.create(
            email=address, kinds="nyheter", confirmed_at=datetime.datetime.now(datetime.UTC)
        )
    publish_news(capture, title="Ny sak\nBcc: alle@example.no")
    [alert] = inbox.to("kari@example.no")
    assert header(alert, "Subject") == "Nytt i Bærekraftsportalen: Ny sak Bcc: alle@example.no"
    assert "Bcc" not in {name for name, _value in alert.items()}


def test_a_report_reaches_someone_who_chose_a_theme_as_reports_have_none(
    client, inbox, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    confirmed(client, capture, inbox, kinds=["rapporter"], themes=["matsvinn"], kommuner=["5014"])
    with capture(execute=True):
        report = ReportPageFactory(parent=froya(), title="Bærekraftsrapport 2026")
        report.save_revision().publish()
    subjects = [header(m, "Subject") for m in inbox.to("kari@example.no")[1:]]
    assert subjects == ["Nytt i Bærekraftsportalen: Bærekraftsrapport 2026"]


def test_a_page_made_private_after_it_was_announced_is_left_out_of_the_digest(
    client, inbox, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    with time_machine.travel(datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC)):
        confirmed(client, capture, inbox, frequency="ukentlig")
    with time_machine.travel(datetime.datetime(2026, 11, 4, 9, tzinfo=datetime.UTC)):
        page = publish_news(capture, title="Snart privat")
        publish_news(capture, title="Offentlig")
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    with time_machine.travel(datetime.datetime(2026, 11, 9, 6, tzinfo=datetime.UTC)):
        call_command("send_alert_digests", stdout=open("/dev/null", "w"))
    text = body(inbox.to("kari@example.no")[-1])
    assert "Offentlig" in text and "Snart privat" not in text


def test_plus_addresses_count_as_the_inbox_they_reach(
    client, inbox, django_capture_on_commit_callbacks
):
    for number in range(5):
        sign_up(client, django_capture_on_commit_callbacks, f"kari+{number}@example.no")
        cache.clear()  # as if from another visitor address each time
    assert len(inbox.messages) == 3


def test_unsubscribing_deletes_every_sign_up_of_the_address(
    client, inbox, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    subscription = confirmed(client, capture, inbox)
    sign_up(client, capture, kinds=["rapporter"])  # a change, waiting for its confirmation
    assert Subscription.objects.filter(email="kari@example.no").count() == 2
    client.post(f"/varsler/avmeld/{subscription.token}/", {"List-Unsubscribe": "One-Click"})
    assert not Subscription.objects.filter(email="kari@example.no").exists()


def test_a_confirmation_link_older_than_a_week_no_longer_works(
    client, inbox, django_capture_on_commit_callbacks
):
    with time_machine.travel(datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC)):
        sign_up(client, django_capture_on_commit_callbacks)
    [mail] = inbox.to("kari@example.no")
    with time_machine.travel(datetime.datetime(2026, 11, 10, 9, tzinfo=datetime.UTC)):
        response = client.post(path(link(mail, "bekreft")))
    assert response.status_code == 404
    assert not Subscription.objects.exists()
