from django.urls import path

from interfirm.readiness import views

app_name = "readiness"

urlpatterns = [
    path("", views.index, name="index"),
    path("start/", views.start, name="start"),
    path("assessments/<int:pk>/", views.detail, name="detail"),
    path("assessments/<int:pk>/answer/", views.answer, name="answer"),
    path("assessments/<int:pk>/report/", views.report, name="report"),
    path("assessments/<int:pk>/validate/", views.validate, name="validate"),
    path("firms/<str:reference>/history/", views.history, name="history"),
]
