"""Pages of bulk import and export under /transfer/."""

from django.urls import path

from interfirm.transfer import views

app_name = "transfer"

urlpatterns = [
    path("import/", views.import_page, name="import"),
    path("import/<int:pk>/confirm/", views.import_confirm, name="import_confirm"),
    path("templates/", views.templates, name="templates"),
    path("templates/<str:kind>.csv", views.template_download, name="template_download"),
    path("export/firm.json", views.export_firm, name="export_firm"),
    path("export/opportunities.csv", views.export_opportunities, name="export_opportunities"),
]
