"""One way to paginate a listing: a page number that is not a number is the visitor's
mistake (400), a number past the end is a page that does not exist (404)."""

from django.core.paginator import EmptyPage, Paginator
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from core.exceptions import VisitorBadRequest


class CountedPaginator(Paginator):
    """A paginator told the number of items, when it is known without counting them
    again (a search counts its hits with its facets)."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self):
        return self.known_count


def paginate(request, items, per_page, count=None):
    """A page of `items`; `count` is their number if it is already known."""
    raw = request.GET.get("page", "1")
    try:
        number = int(raw)
    except ValueError:
        raise VisitorBadRequest(_("Sidenummeret må være et helt tall, for eksempel 2.")) from None
    if count is None:
        paginator = Paginator(items, per_page)
    else:
        paginator = CountedPaginator(items, per_page, count)
    try:
        return paginator.page(number)
    except EmptyPage:
        raise Http404(_("Det finnes ingen side med det nummeret.")) from None
