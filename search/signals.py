"""Champion lists lose an entry when Django deletes it: deleting a page deletes its
search index entries through their generic relation, before Wagtail's backend is told."""

from django.db import connections
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.search.models import IndexEntry

from search.models import Champion


@receiver(post_delete, sender=IndexEntry)
def forget_champion(sender, instance, using, **kwargs):
    if connections[using].vendor == "postgresql":
        Champion.objects.using(using).filter(entry_id=instance.pk).delete()
