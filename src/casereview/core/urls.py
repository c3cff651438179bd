from django.urls import path

from casereview.core import views

app_name = "core"

urlpatterns = [
    path("audit/", views.AuditTrailView.as_view(), name="audit"),
]
