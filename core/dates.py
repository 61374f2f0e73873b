"""Dates and times as the network lives them: in Oslo, with its daylight-saving rules."""

import zoneinfo

from django.conf import settings

OSLO = zoneinfo.ZoneInfo(settings.TIME_ZONE)
