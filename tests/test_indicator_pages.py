"""The indicator pages as visitors and other systems use them: a kommune's
ståstedsanalyse, an indicator's page, the charts, the downloads (which the importer reads
back), the embed page, and their cost in SQL as kommuner and years grow. They run on the
bootstrap's example figures."""

import io
import json
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from wagtail.models import Locale

from indicators import charts
from indicators.importing import import_file, read_file
from indicators.reading import Indicator as Figure
from indicators.records import Area, Indicator, Observation
from indicators.scoring import bounds, ranks, score
from indicators.writing import jsonstat
from portal import pagecache

pytestmark = pytest.mark.django_db
LANGUAGES = {"nb": "", "nn": "/nn", "en": "/en"}
PROFILE = "/kommuner/froya/indikatorer/"
INDICATOR = "/indikatorer/EKS-SYKKEL/"


def latest(code):
    """{area code: value} of the indicator's latest year, read straight from the table."""
    rows = Observation.objects.filter(indicator__code=code, indicator__locale__language_code="nb")
    year = max(rows.values_list("period", flat=True))
    return year, {o.area.code: o.value for o in rows.filter(period=year).select_related("area")}


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", [PROFILE, INDICATOR, "/indikatorer/"])
def test_the_indicator_pages_render_in_every_language(client, language, path):
    response = client.get(LANGUAGES[language] + path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    for code in LANGUAGES:
        assert f'hreflang="{code}"' in html
    assert "public" in response["Cache-Control"]


def test_the_profile_has_the_kommunes_rank_and_score_as_worked_out_from_the_figures(client):
    year, figures = latest("EKS-SYKKEL")
    kommuner = {code: value for code, value in figures.items() if len(code) == 4}
    # Higher is better; no target, so the best and worst kommune are the bounds.
    rank = 1 + sum(value > kommuner["5014"] for value in kommuner.values())
    low, high = min(kommuner.values()), max(kommuner.values())
    expected_score = int((kommuner["5014"] - low) / (high - low) * 100 + Decimal("0.5"))
    html = text(client.get(PROFILE).content.decode())
    card = html[html.index("Innbyggere som bor nær sykkelvei") :]
    card = card[: card.index("Tallene i diagrammet")]
    assert f"Siste tall ({year})" in card
    assert f"{rank}. av {len(kommuner)}" in card
    assert f"{expected_score} av 100" in card
    # text() makes a no-break space a space, as it makes every run of white space one
    assert f"Trøndelag {charts.number(figures['50'], 1)} %" in card
    assert f"Norge {charts.number(figures['0'], 1)} %" in card


def test_the_profile_groups_indicators_by_goal_and_marks_examples(client):
    html = client.get(PROFILE).content.decode()
    headings = re.findall(r'<h2 class="ds-heading" data-size="md" id="mal-(\d+)"', html)
    assert headings == sorted(headings, key=int) and {"4", "7", "11", "12", "13"} <= set(headings)
    assert "Eksempel" in html
    # Every chart says it shows made-up figures, in its title and in the image itself.
    svgs = re.findall(r"<svg.*?</svg>", html, re.S)
    assert len(svgs) == Indicator.objects.filter(locale__language_code="nb").count()
    for svg in svgs:
        assert re.search(r"<title[^>]*>Eksempel: ", svg)
        assert ">Eksempel</text>" in svg


def test_a_chart_is_an_image_with_a_title_a_summary_and_direct_labels(client):
    html = client.get(PROFILE).content.decode()
    svg = re.search(r"<svg.*?</svg>", html, re.S).group()
    assert 'role="img"' in svg
    ids = re.search(r'aria-labelledby="([^"]+)"', svg).group(1).split()
    for id_ in ids:
        assert f'id="{id_}"' in svg
    summary = re.search(r"<desc[^>]*>(.*?)</desc>", svg).group(1)
    assert "Frøya" in summary and "plass av 38" in summary
    for label in ("Frøya", "Trøndelag", "Norge"):  # lines are named where they end
        assert f">{label}</text>" in svg
    # The figures of the chart follow it in a table with a caption.
    after = html[html.index(svg) + len(svg) :]
    assert after.index("<table") < after.index("<svg")
    assert re.search(r"<caption[^>]*>Elever som fullfører", after[: after.index("<svg")])


def contrast(colour):
    """The contrast of a #rrggbb colour against white (WCAG's formula)."""

    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


def test_every_mark_has_3_to_1_contrast_and_lines_differ_by_more_than_colour():
    colours = [style[0] for style in charts.STYLES.values()] + [charts.BAR, charts.BAR_CHOSEN]
    for colour in colours:
        assert contrast(colour) >= 3, colour
    dashes = [style[1] for style in charts.STYLES.values() if style[1]]
    assert len(set(dashes)) == len(dashes)


@pytest.mark.parametrize(("language", "expected"), [("nb", "21,5\xa0%"), ("en", "21.5\xa0%")])
def test_figures_are_written_as_the_language_writes_them(language, expected):
    from django.utils import translation

    with translation.override(language):
        assert charts.with_unit(Decimal("21.5"), "prosent", 1) == expected
        assert charts.with_unit(Decimal("12345"), "kg", 0) == (
            "12\xa0345\xa0kg" if language == "nb" else "12,345\xa0kg"
        )


def test_figures_are_rounded_half_up_and_never_minus_zero():
    assert charts.number(Decimal("0.05"), 1) == "0,1"
    assert charts.number(Decimal("999.95"), 1) == "1\xa0000,0"
    assert charts.number(Decimal("-0.04"), 1) == "0,0"
    assert charts.number(Decimal("7"), 2) == "7,00"


def test_an_indicator_page_ranks_the_kommuner_best_first(client):
    year, figures = latest("EKS-SYKKEL")
    kommuner = {code: value for code, value in figures.items() if len(code) == 4}
    names = dict(Area.objects.values_list("code", "name"))
    best = max(kommuner, key=kommuner.get)
    html = client.get(INDICATOR).content.decode()
    table = html[html.index('id="ranking-caption"') :]
    first_row = re.search(r"<tr><td>(\d+)</td><th scope=\"row\">([^<]+)</th>", table)
    assert first_row.groups() == ("1", names[best])
    assert f"Kommunene i {year}" in html
    chart = re.search(r'<svg[^>]*aria-labelledby="ranking-title.*?</svg>', html, re.S).group()
    assert chart.count("<rect") == len(kommuner)
    assert ">Trøndelag " in chart and ">Norge " in chart  # the reference lines, labelled
    assert "Kilde: Oppdiktede eksempeltall" in html


def test_a_lower_is_better_indicator_ranks_the_lowest_first(client):
    year, figures = latest("EKS-AVFALL")
    kommuner = {code: value for code, value in figures.items() if len(code) == 4}
    names = dict(Area.objects.values_list("code", "name"))
    html = client.get("/indikatorer/EKS-AVFALL/").content.decode()
    table = html[html.index('id="ranking-caption"') :]
    first = re.search(r"<tr><td>1</td><th scope=\"row\">([^<]+)</th>", table).group(1)
    assert first == names[min(kommuner, key=kommuner.get)]


def test_another_year_can_be_chosen_and_a_wrong_one_is_a_400(client):
    response = client.get(INDICATOR + "?ar=2019")
    assert response.status_code == 200
    assert "Kommunene i 2019" in response.content.decode()
    wrong = client.get(INDICATOR + "?ar=1850")
    assert wrong.status_code == 400
    assert "Det finnes ikke tall for «1850»" in wrong.content.decode()


def test_an_unknown_indicator_is_a_404(client):
    assert client.get("/indikatorer/FINNES-IKKE/").status_code == 404
    assert client.get("/indikatorer/FINNES-IKKE/csv/").status_code == 404


def test_the_comparison_defaults_to_the_kostra_group_and_follows_the_address(client):
    Area.objects.filter(code__in=["5014", "5055", "5056"]).update(kostra_group="K2")
    html = client.get(PROFILE).content.decode()
    assert "samme KOSTRA-gruppe (K2)" in html
    header = html[html.index('id="compare-caption"') :].split("</thead>")[0]
    assert re.findall(r'<th scope="col">([^<]+)</th>', header)[2:] == [
        "Frøya",
        "Heim",
        "Hitra",
        "Trøndelag",
        "Norge",
    ]
    chosen = client.get(PROFILE + "?sammenlign=5001&sammenlign=5006").content.decode()
    header = chosen[chosen.index('id="compare-caption"') :].split("</thead>")[0]
    assert "Trondheim" in header and "Steinkjer" in header and "Hitra" not in header
    assert 'value="5001" id="s-5001" checked' in chosen


def test_a_wrong_comparison_is_a_400_in_norwegian(client):
    unknown = client.get(PROFILE + "?sammenlign=5014&sammenlign=9999")
    assert unknown.status_code == 400
    assert "Vi kjenner ikke kommunenummeret «9999»" in unknown.content.decode()
    codes = Area.objects.filter(kind="kommune").values_list("code", flat=True)[:12]
    too_many = client.get(PROFILE + "?" + "&".join(f"sammenlign={c}" for c in codes))
    assert too_many.status_code == 400
    assert "opptil 10 kommuner" in too_many.content.decode()


def stored_cells(codes, areas=None):
    rows = Observation.objects.filter(indicator__code__in=codes).select_related("indicator", "area")
    if areas:
        rows = rows.filter(area__code__in=areas)
    return {(o.indicator.code, o.area.code, o.period): (o.value, o.status) for o in rows}


def as_cells(cells):
    return {(c.indicator.code, c.area, c.period): (c.value, c.status) for c in cells}


@pytest.mark.parametrize(
    ("kind", "name"), [("csv", "x.csv"), ("json-stat", "x.json"), ("excel", "x.xlsx")]
)
def test_an_indicators_download_reads_back_as_the_same_figures(client, kind, name):
    response = client.get(f"/indikatorer/EKS-AVFALL/{kind}/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    cells = read_file(name, response.content)
    assert as_cells(cells) == stored_cells(["EKS-AVFALL"])
    assert any(status == ".." for _value, status in as_cells(cells).values())


def test_the_profile_downloads_hold_what_it_shows(client):
    shown = ["5014", "5001", "50", "0"]
    response = client.get(PROFILE + "csv/?sammenlign=5001")
    codes = list(
        Indicator.objects.filter(locale__language_code="nb").values_list("code", flat=True)
    )
    assert as_cells(read_file("x.csv", response.content)) == stored_cells(codes, shown)
    body = response.content.decode("utf-8-sig")
    assert body.splitlines()[0] == (
        "indikator;kommunenummer;år;verdi;status;område;indikatornavn;enhet;eksempel"
    )
    assert ";Frøya;" in body and body.splitlines()[1].endswith(";ja")
    assert re.search(r";\d+,\d;", body)  # decimal comma
    dataset = json.loads(client.get(PROFILE + "json-stat/").content)
    assert dataset["label"].startswith("Eksempel: ")
    assert any("oppdiktet" in note for note in dataset["note"])


def test_the_excel_download_has_the_figures_as_numbers(client):
    response = client.get("/indikatorer/EKS-SYKKEL/excel/")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("indikator", "kommunenummer", "år", "verdi", "status")
    stored = stored_cells(["EKS-SYKKEL"])
    assert len(rows) - 1 == len(stored)
    code, area, period, value, status, *_rest = rows[1]
    assert Decimal(str(value)) == stored[code, area, period][0]
    assert rows[1][-1] == "ja"
    assert "oppdiktet" in " ".join(str(c.value) for c in book.worksheets[1]["A"])


def test_only_the_embed_page_may_be_framed(client):
    embedded = client.get("/indikatorer/EKS-SYKKEL/innbygging/?kommune=5014")
    assert embedded.status_code == 200
    assert "X-Frame-Options" not in embedded
    html = embedded.content.decode()
    assert 'font-weight="bold">Frøya</text>' in html  # the chosen kommune stands out
    assert "<table" in html and 'rel="canonical"' in html
    for path in (INDICATOR, PROFILE, "/indikatorer/"):
        assert client.get(path)["X-Frame-Options"] == "DENY"
    assert client.get("/indikatorer/EKS-SYKKEL/innbygging/?kommune=abc").status_code == 400


def test_the_kommune_page_links_to_its_standing_and_theme_pages_show_indicators(client):
    assert f'href="{PROFILE}"' in client.get("/kommuner/froya/").content.decode()
    html = client.get("/tema/matsvinn/").content.decode()  # goals 2 and 12
    section = html[html.index('id="indicators-heading"') :]
    assert 'href="/indikatorer/EKS-AVFALL/"' in section
    assert "EKS-SYKKEL" not in section  # goal 11


def test_a_nynorsk_profile_shows_the_nynorsk_indicator_names(client):
    html = client.get("/nn" + PROFILE).content.decode()
    assert "Hushaldsavfall per innbyggjar" in html
    assert 'href="/nn/indikatorer/EKS-AVFALL/"' in html


def more_figures(code, years, extra_indicator=None):
    """Imports figures for more years (and another indicator) for every area."""
    areas = list(Area.objects.order_by("code").values_list("code", flat=True))
    figures = [Figure(code=code, name=code, unit="prosent", decimals=1)]
    if extra_indicator:
        figures.append(Figure(code=extra_indicator, name=extra_indicator, unit="kg", decimals=0))
    values = [float(n % 97) for n in range(len(areas) * len(figures) * len(years))]
    import_file("mer.json", jsonstat(areas, figures, years, values))


def more_kommuner(count):
    """Kommuner beyond the network's 38 (as after a merger or a split), with a figure for
    every indicator and year the others have."""
    batch = Observation.objects.first().batch
    rows = list(Observation.objects.filter(area__code="5014").values("indicator_id", "period"))
    for number in range(count):
        area = Area.objects.create(
            code=f"59{number:02}", name=f"Nykommune {number}", kind="kommune"
        )
        Observation.objects.bulk_create(
            Observation(area=area, value=Decimal(number), batch=batch, **row) for row in rows
        )


@pytest.mark.parametrize("path", [PROFILE, INDICATOR])
def test_the_pages_cost_the_same_queries_however_many_kommuner_years_and_indicators(client, path):
    def queries():
        client.get(path)  # the memos of the generation filled
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
            assert response.status_code == 200
        return len(captured), response.content.decode()

    before, _html = queries()
    more_figures("EKS-SYKKEL", [str(year) for year in range(2025, 2035)], "EKS-NY")
    more_kommuner(3)
    pagecache.new_generation()
    after, html = queries()
    assert "Nykommune 2" in html and "2034" in html  # the page did grow
    assert after == before
    assert before <= 8


def test_figures_change_on_the_page_when_an_import_changes_them(client):
    more_figures("EKS-SYKKEL", ["2025"])
    value = Observation.objects.get(
        indicator__code="EKS-SYKKEL", area__code="5014", period="2025"
    ).value
    html = client.get(PROFILE).content.decode()
    assert "Siste tall (2025)" in html
    assert charts.with_unit(value, "prosent", 1) in html


def test_scores_match_the_scoring_functions_for_every_kommune(client):
    """The indicator page's score column agrees with scoring.py for each kommune."""
    year, figures = latest("EKS-ENERGI")
    kommuner = {code: value for code, value in figures.items() if len(code) == 4}
    indicator = Indicator.objects.get(code="EKS-ENERGI", locale=Locale.get_default())
    limits = bounds(indicator, kommuner.values())
    order = ranks(kommuner, indicator.direction)
    names = dict(Area.objects.values_list("code", "name"))
    html = client.get("/indikatorer/EKS-ENERGI/").content.decode()
    table = html[html.index('id="ranking-caption"') :]
    for code, value in kommuner.items():
        row = re.search(
            rf"<tr><td>(\d+)</td><th scope=\"row\">{re.escape(names[code])}</th><td>[^<]*</td>"
            r"<td>(\d+)</td>",
            table,
        )
        assert row.groups() == (str(order[code]), str(score(value, limits))), code


@pytest.mark.parametrize(
    ("path", "found"),
    [
        ("/sok/?q=sykkelveier", "/indikatorer/EKS-SYKKEL/"),  # another word form
        ("/sok/?q=avfall", "/indikatorer/EKS-AVFALL/"),  # inside a compound word
        ("/sok/?q=fornybare+bygg", "/indikatorer/EKS-ENERGI/"),  # from the explanation
        ("/sok/?q=videregaende", "/indikatorer/EKS-FULLFORT/"),  # typed without å
        ("/nn/sok/?q=hushaldsavfall", "/nn/indikatorer/EKS-AVFALL/"),
        ("/en/sok/?q=waste", "/en/indikatorer/EKS-AVFALL/"),
    ],
)
def test_the_search_finds_indicators_by_name_and_explanation(client, path, found):
    html = client.get(path).content.decode()
    box = html[html.index('id="indicator-hits"') :].split("</ul>")[0]
    assert re.findall(r'href="([^"]+)"', box) == [found]


def test_a_search_that_matches_no_indicator_shows_none(client):
    assert 'id="indicator-hits"' not in client.get("/sok/?q=matsvinn").content.decode()
    assert 'id="indicator-hits"' not in client.get("/sok/?q=avfall+matsvinn").content.decode()


def test_the_search_api_lists_matching_indicators(client):
    data = client.get("/api/v2/search/?q=utslipp&locale=nb").json()
    assert [(i["code"], i["is_example"]) for i in data["indicators"]] == [("EKS-UTSLIPP", True)]
    assert data["indicators"][0]["url"].endswith("/indikatorer/EKS-UTSLIPP/")


def test_the_sitemap_has_each_indicator_and_each_kommunes_standing(client):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/indikatorer/EKS-AVFALL/</loc>" in xml
    assert "/nn/indikatorer/EKS-AVFALL/</loc>" in xml
    assert "/kommuner/froya/indikatorer/</loc>" in xml


def test_a_private_indicator_section_stays_private_everywhere(client):
    from wagtail.models import PageViewRestriction

    from indicators.models import IndicatorIndexPage

    section = IndicatorIndexPage.objects.get(locale__language_code="nb")
    PageViewRestriction.objects.create(page=section, restriction_type="login")
    pagecache.new_generation()
    assert client.get("/indikatorer/EKS-AVFALL/").status_code == 302  # to the login
    assert client.get("/indikatorer/EKS-AVFALL/csv/").status_code == 302
    assert "/indikatorer/EKS-AVFALL/</loc>" not in client.get("/sitemap.xml").content.decode()
    assert "/kommuner/froya/indikatorer/</loc>" not in client.get("/sitemap.xml").content.decode()
    assert 'id="indicator-hits"' not in client.get("/sok/?q=avfall").content.decode()
    assert 'id="indicators-heading"' not in client.get("/tema/matsvinn/").content.decode()
    # The figures themselves are withdrawn too, from the kommune pages and the API.
    assert client.get(PROFILE).status_code == 404
    assert client.get(PROFILE + "csv/").status_code == 404
    for endpoint in ("indicators/", "observations/", "profiles/", "profiles/5014/"):
        assert client.get(f"/api/v2/{endpoint}").status_code == 404, endpoint


def test_a_new_year_that_few_kommuner_have_does_not_take_over(client):
    """Two kommuner and the county's mark for 2025 leave 2024 as the year shown and
    ranked; the new year can still be chosen."""
    data = jsonstat(
        ["5001", "5014", "50"],
        [Figure(code="EKS-SYKKEL", name="x", unit="prosent", decimals=1)],
        ["2025"],
        [47.5, 62.25, None],
        status={2: ".."},
    )
    import_file("tidlig.json", data)
    html = text(client.get("/kommuner/steinkjer/indikatorer/").content.decode())
    card = html[html.index("Innbyggere som bor nær sykkelvei") :]
    assert "Siste tall (2024)" in card[:600] and "Endring fra 2023" in card[:600]
    assert "av 38" in card[:600]
    page = client.get(INDICATOR).content.decode()
    assert "Kommunene i 2024" in page
    assert client.get(INDICATOR + "?ar=2025").status_code == 200


def test_the_countys_downloads_have_each_row_once_and_read_back(client):
    for kind, name in (("csv", "x.csv"), ("json-stat", "x.json")):
        response = client.get(f"/kommuner/trondelag-fylke/indikatorer/{kind}/")
        cells = read_file(name, response.content)  # refused if a row came twice
        codes = Indicator.objects.filter(locale__language_code="nb").values_list("code", flat=True)
        assert as_cells(cells) == stored_cells(codes, ["50", "0"])


def test_the_profiles_json_stat_holds_no_figure_that_was_never_imported(client):
    """The dataset is dense, so cells no import gave are null: they read back as nothing,
    not as missing figures that an import would store."""
    more_figures("EKS-SYKKEL", ["2025"])  # one indicator gets a year the others lack
    response = client.get(PROFILE + "json-stat/")
    codes = Indicator.objects.filter(locale__language_code="nb").values_list("code", flat=True)
    shown = ["5014", "50", "0"]
    assert as_cells(read_file("x.json", response.content)) == stored_cells(codes, shown)


def test_comparing_with_oneself_does_not_count_and_none_can_be_chosen(client):
    Area.objects.filter(code__in=["5014", "5055"]).update(kostra_group="K2")
    others = list(
        Area.objects.filter(kind="kommune").exclude(code="5014").values_list("code", flat=True)
    )[:10]
    query = "&".join(f"sammenlign={code}" for code in ["5014", *others])
    assert client.get(f"{PROFILE}?{query}").status_code == 200
    none = client.get(PROFILE + "?sammenlign=").content.decode()
    header = none[none.index('id="compare-caption"') :].split("</thead>")[0]
    assert "Heim" not in header  # the KOSTRA group is not brought back
    assert 'type="hidden" name="sammenlign" value=""' in none


def test_a_change_too_small_to_show_is_unchanged():
    from indicators.templatetags.indicator_tags import signed

    indicator = Indicator(decimals=1)
    assert signed(Decimal("0.04"), indicator) == "uendret"
    assert signed(Decimal("-0.06"), indicator) == "\N{MINUS SIGN}0,1"
    assert signed(Decimal("2"), indicator) == "+2,0"


def test_bars_below_zero_stay_inside_the_chart():
    svg = str(
        charts.ranking(
            "r",
            [("A", Decimal(-10), False), ("B", Decimal(-40), True)],
            title="t",
            summary="s",
        )
    )
    width = int(re.search(r'viewBox="0 0 (\d+)', svg).group(1))
    for x, w in re.findall(r'<rect x="([\d.]+)" y="\d+" width="([\d.]+)"', svg):
        assert 0 <= float(x) and float(x) + float(w) <= width


def test_an_excel_download_keeps_a_name_starting_with_equals_as_text(client):
    Indicator.objects.filter(code="EKS-SYKKEL").update(name='=HYPERLINK("http://x")')
    pagecache.new_generation()
    book = load_workbook(io.BytesIO(client.get("/indikatorer/EKS-SYKKEL/excel/").content))
    cell = book.worksheets[0]["G2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_a_goal_filtered_case_listing_shows_the_goals_indicators(client):
    html = client.get("/god-praksis/?mal=12").content.decode()
    section = html[html.index('id="goal-indicators-heading"') :].split("</section>")[0]
    assert 'href="/indikatorer/EKS-AVFALL/"' in section and "EKS-SYKKEL" not in section


def test_an_indicator_whose_code_cannot_stand_in_an_address_is_left_out_not_a_500(client):
    """Codes are checked on import now; one stored before that must not break pages."""
    batch = Observation.objects.first().batch
    odd = Indicator.objects.create(
        code="SDG 11.6.1", name="Gammel kode", locale=Locale.get_default()
    )
    Observation.objects.create(
        indicator=odd, area=Area.objects.get(code="5014"), period="2024", value=1, batch=batch
    )
    pagecache.new_generation()
    for path in ("/indikatorer/", PROFILE, "/tema/matsvinn/", "/sok/?q=gammel", "/sitemap.xml"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "Gammel kode" not in response.content.decode(), path
