"""Charts as SVG written on the server, so they show without JavaScript and print as they
look. Each is an image with a title and a summary in words (`role="img"`), every line or
bar is labelled directly so colour is never the only cue, and every mark has at least 3:1
contrast against the white page. The templates put a table of the same figures after
each chart."""

import functools
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from django.utils import formats, translation
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

# Marks, each with at least 3:1 contrast against white; lines also differ in their dash.
STYLES = {
    "main": ("#1e4b8f", "", 3),
    "county": ("#4d4d4d", "6 4", 2),
    "country": ("#000000", "2 3", 2),
    "other": ("#6b5b95", "", 1.5),
}
BAR = "#5b7290"
BAR_CHOSEN = "#1e4b8f"
PERCENT_UNITS = {"prosent", "%", "percent", "per cent", "prosentdel"}


def number(value, decimals):
    """A figure in the visitor's language's format (12 345,6 in Norwegian, 12,345.6 in
    English), rounded half up (Django's number_format cuts the digits off instead, and
    is many times slower on a page of a few thousand figures)."""
    if value is None:
        return ""
    decimals = min(max(decimals, 0), 6)  # the database keeps six
    value = Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if not value:
        value = abs(value)  # no «-0,0»
    point, group = separators(translation.get_language())
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", point).replace("\0", group)


@functools.lru_cache(maxsize=16)
def separators(language):
    """The language's decimal and thousand separators: looked up once per language, not
    for each of the thousands of figures a page writes."""
    with translation.override(language):
        return formats.get_format("DECIMAL_SEPARATOR"), formats.get_format("THOUSAND_SEPARATOR")


def with_unit(value, unit, decimals):
    """A figure with its unit: 21,5 % or 420 kg."""
    text = number(value, decimals)
    if not text or not unit:
        return text
    if unit.lower() in PERCENT_UNITS:
        return f"{text}\N{NO-BREAK SPACE}%"
    return f"{text}\N{NO-BREAK SPACE}{unit}"


def scale(low, high):
    """(bottom, top, ticks): a range around low..high with two or three round steps."""
    low, high = Decimal(low), Decimal(high)
    if low == high:
        pad = abs(low) / 10 or Decimal(1)
        low, high = low - pad, high + pad
    raw = (high - low) / 2
    magnitude = Decimal(1).scaleb(raw.adjusted())
    step = magnitude * 10
    for multiple in ("1", "2", "2.5", "5"):
        if magnitude * Decimal(multiple) >= raw:
            step = magnitude * Decimal(multiple)
            break
    bottom = (low / step).to_integral_value(rounding=ROUND_FLOOR) * step
    top = (high / step).to_integral_value(rounding=ROUND_CEILING) * step
    ticks = []
    tick = bottom
    while tick <= top:
        ticks.append(tick)
        tick += step
    return bottom, top, ticks


def spread_labels(positions, gap):
    """Moves label positions [(y, key)] apart so that no two are closer than `gap`."""
    placed = []
    for y, key in sorted(positions):
        if placed and y - placed[-1][0] < gap:
            y = placed[-1][0] + gap
        placed.append((y, key))
    return dict((key, y) for y, key in placed)


def frame(chart_id, title, summary, width, height, body, example=False):
    if example:
        # Made-up figures say so in the chart itself, also when it is copied or embedded.
        title = _("Eksempel: %(title)s") % {"title": title}
        body = (
            f'<text x="{width - 4}" y="12" text-anchor="end" fill="#7a4d00" '
            f'font-weight="bold">{escape(_("Eksempel"))}</text>{body}'
        )
    return format_html(
        '<svg class="chart" role="img" viewBox="0 0 {} {}" width="{}" height="{}" '
        'aria-labelledby="{}-title {}-desc" xmlns="http://www.w3.org/2000/svg" '
        'font-family="inherit" font-size="12">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        width,
        height,
        width,
        height,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        summary,
        mark_safe(body),
    )


def trend(
    chart_id,
    lines,
    *,
    title,
    summary,
    unit="",
    decimals=1,
    width=340,
    height=170,
    example=False,
    extent=None,
):
    """A line per area over the periods. `lines` are (label, [(period, value)], style),
    the first the area the chart is about; missing values break the line. `extent`
    (lowest, highest) gives charts meant to be read side by side the same scale."""
    periods = sorted({period for _label, series, _style in lines for period, _v in series})
    values = [v for _label, series, _style in lines for _p, v in series if v is not None]
    if not periods or not values:
        return frame(chart_id, title, summary, width, 40, _empty(width), example)
    left, right, top_margin, bottom_margin = 44, 96, 16, 22
    bottom, top, ticks = scale(*(extent or (min(values), max(values))))
    plot_w, plot_h = width - left - right, height - top_margin - bottom_margin

    def x(period):
        if len(periods) == 1:
            return left + plot_w / 2
        return left + plot_w * periods.index(period) / (len(periods) - 1)

    def y(value):
        return top_margin + plot_h * float((top - value) / (top - bottom))

    parts = []
    for tick in ticks:
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            'stroke="#d0d0d0" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" fill="#333">'
            f"{escape(number(tick, decimals if tick != tick.to_integral_value() else 0))}</text>"
        )
    for period in {periods[0], periods[-1]}:
        anchor = "start" if period == periods[0] and len(periods) > 1 else "end"
        if len(periods) == 1:
            anchor = "middle"
        parts.append(
            f'<text x="{x(period):.1f}" y="{height - 6}" text-anchor="{anchor}" fill="#333">'
            f"{escape(period)}</text>"
        )
    ends = []
    for number_, (_label, series, style) in enumerate(lines):
        colour, dash, stroke = STYLES[style]
        segment = []
        segments = []
        for period, value in series:
            if value is None:
                if segment:
                    segments.append(segment)
                segment = []
                continue
            segment.append((x(period), y(value)))
        if segment:
            segments.append(segment)
        for points in segments:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            dashes = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" '
                f'stroke-width="{stroke}"{dashes}/>'
            )
            if style == "main":
                parts.extend(
                    f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{colour}"/>'
                    for px, py in points
                )
        last = next(((p, v) for p, v in reversed(series) if v is not None), None)
        if last:
            ends.append((y(last[1]), number_))
    label_y = spread_labels(ends, 13)
    for number_, (label, _series, style) in enumerate(lines):
        if number_ in label_y:
            colour = STYLES[style][0]
            weight = ' font-weight="bold"' if style == "main" else ""
            parts.append(
                f'<text x="{left + plot_w + 6}" y="{label_y[number_] + 4:.1f}" '
                f'fill="{colour}"{weight}>{escape(_short(label))}</text>'
            )
    return frame(chart_id, title, summary, width, height, "".join(parts), example)


def ranking(
    chart_id,
    rows,
    *,
    title,
    summary,
    references=(),
    unit="",
    decimals=1,
    width=640,
    example=False,
):
    """Horizontal bars, one per area, in the order given: `rows` are (label, value,
    chosen). `references` are (label, value) drawn as labelled lines across the bars (the
    county, the country)."""
    bar_h, gap, top_margin, left, right = 14, 4, 30, 130, 70
    height = top_margin + len(rows) * (bar_h + gap) + 10
    values = [v for _l, v, _c in rows if v is not None] + [
        v for _l, v in references if v is not None
    ]
    if not values:
        return frame(chart_id, title, summary, width, 40, _empty(width), example)
    low = min(min(values), 0)  # bars start at zero, on either side of it
    high = max(max(values), 0)
    plot_w = width - left - right
    span = (high - low) or 1

    def x(value):
        return left + plot_w * float((value - low) / span)

    parts = []
    for number_, (label, value, chosen) in enumerate(rows):
        y = top_margin + number_ * (bar_h + gap)
        weight = ' font-weight="bold"' if chosen else ""
        parts.append(
            f'<text x="{left - 6}" y="{y + bar_h - 3}" text-anchor="end" fill="#1a1a1a"'
            f"{weight}>{escape(_short(label, 18))}</text>"
        )
        if value is None:
            parts.append(
                f'<text x="{left + 4}" y="{y + bar_h - 3}" fill="#333">'
                f"{escape(_('mangler'))}</text>"
            )
            continue
        colour = BAR_CHOSEN if chosen else BAR
        parts.append(
            f'<rect x="{x(min(value, 0)):.1f}" y="{y}" width="{max(abs(x(value) - x(0)), 1):.1f}" '
            f'height="{bar_h}" fill="{colour}"/>'
            f'<text x="{x(value) + 4:.1f}" y="{y + bar_h - 3}" fill="#1a1a1a"{weight}>'
            f"{escape(number(value, decimals))}</text>"
        )
    bottom = top_margin + len(rows) * (bar_h + gap)
    for number_, (label, value) in enumerate(references):
        if value is None:
            continue
        style = ("county", "country")[number_ % 2]
        colour, dash, stroke = STYLES[style]
        parts.append(
            f'<line x1="{x(value):.1f}" x2="{x(value):.1f}" y1="{14 + 12 * number_}" '
            f'y2="{bottom}" stroke="{colour}" stroke-width="{stroke}" stroke-dasharray="{dash}"/>'
            f'<text x="{x(value) + 3:.1f}" y="{12 + 12 * number_}" fill="{colour}">'
            f"{escape(label)} {escape(number(value, decimals))}</text>"
        )
    return frame(chart_id, title, summary, width, height, "".join(parts), example)


def _short(label, length=14):
    return label if len(label) <= length else label[: length - 1] + "…"


def _empty(width):
    return f'<text x="0" y="24" fill="#333">{escape(_("Ingen tall å vise."))}</text>'
