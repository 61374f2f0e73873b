"""One way to paginate a listing: a page number that is not a number is the visitor's
mistake (400), a number past the end is a page that does not exist (404)."""

from django.core.paginator import EmptyPage, Paginator
from django.http import Http404
from django.utils.translation import gettext as _

from core.exceptions import VisitorBadRequest


def paginate(request, items, per_page):
    raw = request.GET.get("page", "1")
    try:
        number = int(raw)
    except ValueError:
        raise VisitorBadRequest(_("Sidenummeret må være et helt tall, for eksempel 2.")) from None
    try:
        return Paginator(items, per_page).page(number)
    except EmptyPage:
        raise Http404(_("Det finnes ingen side med det nummeret.")) from None
