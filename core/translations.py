"""The nynorsk and English copies of a bokmål page keep its address.

wagtail-localize makes the copies as aliases of the bokmål page when it is created, and
Wagtail updates an alias's content on publish but leaves its slug as it was (an alias may
sit beside its original). For a copy in another language that is wrong: a page first
saved as «utkast-til-tittel» and published as «tittel» would keep the draft's address in
nn and en, and /nn/…/tittel/ would be a 404. So on publish the copies take the slug."""

from django.dispatch import receiver
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale, Page
from wagtail.signals import page_published


@receiver(page_published)
def copies_follow_the_slug(sender, instance, **kwargs):
    if instance.locale_id != Locale.get_default().pk:
        return
    copies = Page.objects.filter(alias_of=instance).exclude(locale_id=instance.locale_id)
    for copy in copies.exclude(slug=instance.slug):
        copy.slug = find_available_slug(copy.get_parent(), instance.slug, ignore_page_id=copy.pk)
        copy.save(update_fields=["slug", "url_path"], clean=False)
