from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from interlab.api import api
from interlab.core import views as core_views

urlpatterns = [
    path("api/v1/", api.urls),
    path("django-admin/", admin.site.urls),
    path("cms-admin/", include(wagtailadmin_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("login/", core_views.InterLabLoginView.as_view(), name="login"),
    path("logout/", core_views.logout_view, name="logout"),
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

# Wagtail serves everything else, starting with the public home page at /.
urlpatterns += [path("", include(wagtail_urls))]
