from django.urls import path

from casereview.documents import views

app_name = "documents"

urlpatterns = [
    path("documents/<int:pk>/", views.DocumentView.as_view(), name="document"),
    path("documents/<int:pk>/upload/", views.UploadView.as_view(), name="upload"),
    path("documents/files/<int:pk>/download/", views.DownloadView.as_view(), name="file-download"),
    # An agency's report or chronology on a referral, for the rapid review.
    path(
        "referral-documents/<int:pk>/",
        views.ReferralDocumentView.as_view(),
        name="referral-document",
    ),
    path(
        "referral-documents/<int:pk>/upload/",
        views.ReferralUploadView.as_view(),
        name="referral-upload",
    ),
    path(
        "referral-documents/files/<int:pk>/download/",
        views.ReferralDownloadView.as_view(),
        name="referral-file-download",
    ),
]
