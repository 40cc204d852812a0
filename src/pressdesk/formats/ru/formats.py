# Russian formats as Django ships them, plus the HTML datetime-local input.
from django.conf.locale.ru.formats import *  # noqa: F403

DATETIME_INPUT_FORMATS = [*DATETIME_INPUT_FORMATS, "%Y-%m-%dT%H:%M"]  # noqa: F405
