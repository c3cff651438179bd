from django.urls import path

from casereview.reports import views

app_name = "reports"

urlpatterns = [
    path("reports/", views.ReportView.as_view(), name="report"),
    path("reports/narrative/", views.NarrativeView.as_view(), name="narrative"),
    path("reports/report.<str:file_format>", views.ReportDownloadView.as_view(), name="download"),
]
