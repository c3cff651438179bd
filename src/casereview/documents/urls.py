from django.urls import path

from casereview.documents import views

app_name = "documents"

urlpatterns = [
    path("documents/<int:pk>/", views.DocumentView.as_view(), name="document"),
    path("documents/<int:pk>/upload/", views.UploadView.as_view(), name="upload"),
    path("documents/files/<int:pk>/download/", views.DownloadView.as_view(), name="file-download"),
]
