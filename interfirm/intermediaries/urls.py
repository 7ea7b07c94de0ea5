from django.urls import path

from interfirm.intermediaries import views

app_name = "intermediaries"

urlpatterns = [
    path("", views.directory, name="list"),
    path("mine/edit/", views.edit, name="edit"),
    path("<slug:slug>/", views.detail, name="detail"),
]
