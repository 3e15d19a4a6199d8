"""Which language a missing interface string falls back to.

Django falls back to LANGUAGE_CODE (French here) for any string a catalogue lacks, so a Dutch, Arabic, Ukrainian
or Spanish reader would meet French. Our source strings are English: a language other than French falls back to
them (no fallback catalogue at all), which is what most newcomers read better than French. French itself is
complete, and CI refuses an untranslated entry in any catalogue, so this only matters between two releases.
"""

from django.conf import settings
from django.utils.translation import trans_real

_django_add_fallback = trans_real.DjangoTranslation._add_fallback


def _add_fallback(self, localedirs=None):
    if self.language() == settings.LANGUAGE_CODE:
        return _django_add_fallback(self, localedirs)
    return None  # the msgid, written in English, is the fallback


def install() -> None:
    trans_real.DjangoTranslation._add_fallback = _add_fallback
    trans_real._translations = {}  # catalogues built before now had the French fallback
