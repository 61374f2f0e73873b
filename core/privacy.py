"""A view restriction on a bokmål page holds for its nynorsk and English copies too.

wagtail-localize keeps a copy of every bokmål page in the nn and en trees, and Wagtail
copies the page's restrictions only when the copy is made. A restriction set later (or
lifted) on the bokmål page would leave the copies public: listed, searched, in feeds, the
API and the sitemap. So the copies follow the bokmål page's restrictions whenever they
change. A restriction set on a copy itself stays that copy's own."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Locale, Page, PageViewRestriction


def mirror_view_restrictions(page):
    """Gives every translation of `page` (a page in the default locale) exactly the view
    restrictions `page` has."""
    if page.locale_id != Locale.get_default().pk:
        return
    sources = list(PageViewRestriction.objects.filter(page=page).prefetch_related("groups"))
    for translation in page.get_translations():
        PageViewRestriction.objects.filter(page=translation).delete()
        for source in sources:
            copy = PageViewRestriction.objects.create(
                page=translation,
                restriction_type=source.restriction_type,
                password=source.password,
            )
            copy.groups.set(source.groups.all())


@receiver(post_save, sender=PageViewRestriction)
def restriction_saved(sender, instance, **kwargs):
    # The copies' own restrictions change too, but they are not in the default locale,
    # so mirroring stops there.
    mirror_view_restrictions(instance.page)


@receiver(post_delete, sender=PageViewRestriction)
def restriction_deleted(sender, instance, origin=None, **kwargs):
    if isinstance(origin, Page):
        return  # the page itself is being deleted: its copies keep their restrictions
    mirror_view_restrictions(instance.page)


@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def restriction_groups_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, PageViewRestriction):
        mirror_view_restrictions(instance.page)
