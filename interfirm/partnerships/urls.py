from django.urls import path

from interfirm.partnerships import views

app_name = "partnerships"

urlpatterns = [
    path("", views.index, name="list"),
    path("record/", views.record, name="record"),
    path("from-introduction/<int:pk>/", views.open_from_eoi, name="open"),
    path("<str:reference>/", views.detail, name="detail"),
    path("<str:reference>/stage/", views.stage, name="stage"),
    path("<str:reference>/milestones/", views.milestones, name="milestones"),
    path("<str:reference>/milestones/<int:pk>/done/", views.milestone_done, name="milestone_done"),
    path("<str:reference>/confirm/<str:what>/<int:pk>/", views.confirm, name="confirm"),
    path("<str:reference>/check-in/", views.checkin, name="checkin"),
    path("<str:reference>/outcomes/", views.outcomes, name="outcomes"),
    path("<str:reference>/warnings/", views.warnings, name="warnings"),
    path("<str:reference>/warnings/<int:pk>/resolve/", views.warning_resolve, name="warning_resolve"),
    path("<str:reference>/tasks/<int:pk>/done/", views.task_done, name="task_done"),
]
