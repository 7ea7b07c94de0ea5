from django.urls import path

from interfirm.insights import views

app_name = "insights"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("full/", views.full_dashboard, name="full"),
    path("full/export/<slug:table>.<slug:fmt>", views.full_export, name="full_export"),
    path("full/<slug:topic>/", views.full_topic, name="full_topic"),
    path("export/<slug:table>.<slug:fmt>", views.export, name="export"),
    path("<slug:topic>/", views.topic, name="topic"),
]
