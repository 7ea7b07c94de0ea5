from django.urls import path

from interfirm.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.index, name="list"),
    path("new/", views.record, name="new"),
    path("from-partnership/<str:reference>/", views.partnership, name="partnership"),
    path("from-partnership/<str:reference>/consent/", views.consent, name="consent"),
    path("from-partnership/<str:reference>/draft/", views.draft, name="draft"),
    path("<str:reference>/", views.detail, name="detail"),
    path("<str:reference>/edit/", views.edit, name="edit"),
    path("<str:reference>/publish/", views.publish, name="publish"),
]
