from django.urls import path

from interfirm.introductions import views

app_name = "introductions"

urlpatterns = [
    path("", views.index, name="list"),
    path("express/<str:reference>/", views.express, name="express"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/accept/", views.accept, name="accept"),
    path("<int:pk>/decline/", views.decline, name="decline"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/messages/", views.message, name="message"),
]
