from django.urls import path

from casereview.exchange import views

app_name = "exchange"

urlpatterns = [
    path("exchange/", views.ExchangeView.as_view(), name="index"),
    path("exchange/imports/<uuid:pk>/", views.CheckImportView.as_view(), name="check"),
    path("exchange/export.json", views.ExportView.as_view(file_format="json"), name="export-json"),
    path("exchange/export.xlsx", views.ExportView.as_view(file_format="xlsx"), name="export-xlsx"),
    path("exchange/template.xlsx", views.TemplateDownloadView.as_view(), name="template"),
    path("exchange/schema/v1.json", views.SchemaView.as_view(), name="schema"),
]
