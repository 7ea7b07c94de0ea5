from django.urls import path

from interfirm.geo import views

app_name = "geo"

urlpatterns = [
    path("", views.index, name="index"),
    path("countries/", views.countries, name="countries"),
    path("countries/<str:iso3>/", views.country, name="country"),
    path("corridor/", views.corridor, name="corridor"),
]
