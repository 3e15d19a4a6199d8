"""The demo site in Dutch, Arabic, Ukrainian and Spanish: one module per language, pages keyed by slug.

cms.content puts them into its tree beside the French and English; "home" is the home page. Facts that are the
same in every language (event dates, capacity, addresses) are written once, in the French.
"""

from . import ar, es, nl, uk

TRANSLATIONS: dict[str, dict[str, dict]] = {"nl": nl.PAGES, "ar": ar.PAGES, "uk": uk.PAGES, "es": es.PAGES}
