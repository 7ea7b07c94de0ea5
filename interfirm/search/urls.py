from django.urls import path

from interfirm.search import views

app_name = "search"

urlpatterns = [
    path("", views.opportunities, name="opportunities"),
]
