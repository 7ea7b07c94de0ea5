"""The URL map. Each app owns its own ``urls.py``; the JSON API lives under /api/."""

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from config.api import api
from interfirm.lib import views as site_views
from interfirm.lib.access import public

urlpatterns = [
    path("", site_views.home, name="home"),
    path("healthz", site_views.healthz, name="healthz"),
    path("i18n/setlang/", public(set_language), name="set_language"),
    path("accounts/", include("interfirm.accounts.urls")),
    path("firms/", include("interfirm.firms.urls")),
    path("directory/", include("interfirm.intermediaries.urls")),
    path("reference/", include("interfirm.geo.urls")),
    path("opportunities/", include("interfirm.opportunities.urls")),
    path("search/", include("interfirm.search.urls")),
    path("introductions/", include("interfirm.introductions.urls")),
    path("notifications/", include("interfirm.notifications.urls")),
    path("transfer/", include("interfirm.transfer.urls")),
    path("readiness/", include("interfirm.readiness.urls")),
    path("instruments/", include("interfirm.instruments.urls")),
    path("partnerships/", include("interfirm.partnerships.urls")),
    path("cases/", include("interfirm.cases.urls")),
    path("insights/", include("interfirm.insights.urls")),
    path("matching/", include("interfirm.matching.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

handler404 = "interfirm.lib.views.not_found"
handler500 = "interfirm.lib.views.server_error"
