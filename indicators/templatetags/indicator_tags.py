"""Figures as pages show them, and the indicators that theme pages list."""

from django import template
from django.utils.translation import gettext as _

from indicators import charts, pages
from indicators.figures import indicators

register = template.Library()


@register.filter
def figure(value, indicator):
    """A figure with the indicator's unit and decimals (21,5 %), or a dash."""
    if value is None:
        return "–"
    return charts.with_unit(value, indicator.unit, indicator.decimals)


@register.filter
def plain_figure(value, indicator):
    """A figure with the indicator's decimals, without its unit (for tables)."""
    return "–" if value is None else charts.number(value, indicator.decimals)


@register.filter
def signed(value, indicator):
    """A change with its sign: +1,2 or −0,4 (a real minus sign)."""
    if value is None:
        return "–"
    text = charts.number(abs(value), indicator.decimals)
    if value > 0:
        return f"+{text}"
    if value < 0:
        return f"\N{MINUS SIGN}{text}"
    return _("uendret")


@register.simple_tag
def indicators_of_goals(sdgs):
    """The indicators that belong to any of the goals (SDG objects)."""
    numbers = {sdg.number for sdg in sdgs}
    return [i for i in indicators() if numbers & set(i.goal_numbers)]


@register.simple_tag
def indicator_url(indicator):
    """The address of the indicator's page, or "" when the section is not published."""
    section = pages.index_page()
    if section is None:
        return ""
    return section.url + section.reverse_subpage("indicator", args=[indicator.code])
