from django.urls import path

from casereview.exchange import views

app_name = "exchange"

urlpatterns = [
    path("exchange/", views.ExchangeView.as_view(), name="index"),
    path("exchange/imports/<uuid:pk>/", views.CheckImportView.as_view(), name="check"),
    path(
        "exchange/trackers/<uuid:pk>/sheets/",
        views.TrackerSheetsView.as_view(),
        name="tracker-sheets",
    ),
    path(
        "exchange/trackers/<uuid:pk>/columns/",
        views.TrackerColumnsView.as_view(),
        name="tracker-columns",
    ),
    path(
        "exchange/trackers/<uuid:pk>/values/",
        views.TrackerValuesView.as_view(),
        name="tracker-values",
    ),
    path("exchange/trackers/<uuid:pk>/", views.TrackerCheckView.as_view(), name="tracker-check"),
    path("exchange/export.json", views.ExportView.as_view(file_format="json"), name="export-json"),
    path("exchange/export.xlsx", views.ExportView.as_view(file_format="xlsx"), name="export-xlsx"),
    path("exchange/template.xlsx", views.TemplateDownloadView.as_view(), name="template"),
    path("exchange/schema/v2.json", views.SchemaView.as_view(), name="schema"),
    path("exchange/schema/v1.json", views.SchemaView.as_view(version=1), name="schema-v1"),
]
