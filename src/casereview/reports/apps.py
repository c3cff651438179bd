from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "casereview.reports"
    label = "reports"
    verbose_name = "Reports"
