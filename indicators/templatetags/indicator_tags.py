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
    if text == charts.number(0, indicator.decimals):
        return _("uendret")  # a change too small to show at the indicator's decimals
    if value > 0:
        return f"+{text}"
    return f"\N{MINUS SIGN}{text}"


@register.simple_tag
def indicators_of_goals(sdgs):
    """The indicators that belong to any of the goals (SDG objects); none while the
    indicator section is not public."""
    if pages.index_page() is None:
        return []
    return indicators_for_goals({sdg.number for sdg in sdgs})


@register.simple_tag
def indicators_for_goal(number):
    """The indicators of one goal (a number, as a listing filtered by goal has it)."""
    if pages.index_page() is None or not number:
        return []
    return indicators_for_goals({int(number)})


def indicators_for_goals(numbers):
    return [i for i in indicators() if numbers & set(i.goal_numbers)]


@register.simple_tag
def indicator_url(indicator):
    """The address of the indicator's page, or "" when the section is not published."""
    section = pages.index_page()
    if section is None:
        return ""
    return section.url + section.reverse_subpage("indicator", args=[indicator.code])


@register.simple_tag
def indicator_section():
    """The indicator section in the visitor's language, or None while it is not public."""
    return pages.index_page()
