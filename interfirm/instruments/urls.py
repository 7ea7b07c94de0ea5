from django.urls import path

from interfirm.instruments import views

app_name = "instruments"

urlpatterns = [
    path("", views.index, name="index"),
    path("for-you/", views.eligible, name="eligible"),
    path("manage/", views.manage, name="manage"),
    path("manage/new/", views.create, name="create"),
    path("manage/<slug:slug>/edit/", views.edit, name="edit"),
    path("<slug:slug>/", views.detail, name="detail"),
]
