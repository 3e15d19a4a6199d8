import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from interlab.api import api
from interlab.core import views as core_views
from interlab.core.csp import csp_report
from interlab.core.health import healthz

# InterLab's own error pages, translated, with a way back (JSON under /api/).
handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error


class FaviconView(RedirectView):
    """Browsers and crawlers ask for /favicon.ico whatever the page says: send them to the icon's static file."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs) -> str:
        return static("favicon.svg")


urlpatterns = [
    path("api/v1/", api.urls),
    path("django-admin/", admin.site.urls),
    path("cms-admin/", include(wagtailadmin_urls)),
    path("i18n/setlang/", core_views.language_set, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("login/", core_views.InterLabLoginView.as_view(), name="login"),
    path("logout/", core_views.logout_view, name="logout"),
    path("account/", include("interlab.core.urls_accounts")),
    path("csp-report/", csp_report, name="csp_report"),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", FaviconView.as_view(), name="favicon"),
    # The read-aloud audio (interlab/core/speech.py), from public media whichever storage holds it.
    path("media/speech/<str:name>", core_views.speech_audio, name="speech_audio"),
    path("app/", include("interlab.core.urls")),
    path("app/", include("interlab.crm.urls")),
    path("app/mentoring/", include("interlab.mentoring.urls")),
    path("app/spaces/", include("interlab.tierslieu.urls")),
    path("app/dossiers/", include("interlab.dossiers.urls")),
    path("app/impact/", include("interlab.impact.urls")),
    path("ical/", include("interlab.tierslieu.ical_urls")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

# Wagtail serves the public site under a language prefix (/fr/, /en/ …); LocaleMiddleware sends / to the
# visitor's language (cookie, then Accept-Language, then French). The application's own prefixes are kept out of
# it: otherwise LocaleMiddleware would answer a 404 under /app/ or /api/ with a redirect to /fr/app/….
_app_prefixes = {str(p.pattern).lstrip("^").split("/")[0] for p in urlpatterns} | {"static", "media"}
_not_app = "|".join(sorted(re.escape(prefix) for prefix in _app_prefixes if prefix))
# The glossary is InterLab's own view under the same prefix: before Wagtail's catch-all, which would answer it.
urlpatterns += i18n_patterns(
    path("", include("cms.urls")),
    re_path(rf"^(?!(?:{_not_app})/)", include(wagtail_urls)),
)
