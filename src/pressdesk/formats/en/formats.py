# English formats as Django ships them, with 24-hour time as Kazakhstan uses it.
from django.conf.locale.en.formats import *  # noqa: F403

TIME_FORMAT = "H:i"
DATETIME_FORMAT = "N j, Y, H:i"
DATETIME_INPUT_FORMATS = [*DATETIME_INPUT_FORMATS, "%Y-%m-%dT%H:%M"]  # noqa: F405
