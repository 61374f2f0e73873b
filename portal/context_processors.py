"""Template context every page needs: the network's name and the other language versions."""

from django.conf import settings


def network(request):
    return {"network_name": settings.NETWORK_NAME}
