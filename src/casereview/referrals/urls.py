from django.urls import path

from casereview.referrals import views

app_name = "referrals"

urlpatterns = [
    path("referrals/", views.ReferralListView.as_view(), name="referrals"),
    path("referrals/add/", views.ReferralAddView.as_view(), name="referral-add"),
    path("referrals/assess/", views.AssessmentPreviewView.as_view(), name="assess"),
    path("referrals/<int:pk>/", views.ReferralDetailView.as_view(), name="referral"),
    path("referrals/<int:pk>/change/", views.ReferralChangeView.as_view(), name="referral-change"),
    path("referrals/<int:pk>/children/add/", views.ChildAddView.as_view(), name="child-add"),
    path(
        "referrals/<int:pk>/documents/add/",
        views.ReferralDocumentAddView.as_view(),
        name="document-add",
    ),
    path("referrals/<int:pk>/decision/", views.DecisionView.as_view(), name="decision"),
    path(
        "referrals/<int:pk>/national-panel/",
        views.SubmitToPanelView.as_view(),
        name="submit-to-panel",
    ),
    path(
        "referrals/<int:pk>/national-panel/answer/",
        views.LocalResponseView.as_view(),
        name="local-response",
    ),
    path("referrals/<int:pk>/rapid-review/", views.RapidReviewView.as_view(), name="rapid-review"),
    path(
        "rapid-reviews/<int:pk>/sign-off/",
        views.RapidReviewSignOffView.as_view(),
        name="rapid-review-sign-off",
    ),
    path(
        "rapid-reviews/<int:pk>/send/",
        views.RapidReviewSendView.as_view(),
        name="rapid-review-send",
    ),
    path(
        "rapid-reviews/<int:pk>/download/",
        views.RapidReviewDownloadView.as_view(),
        name="rapid-review-download",
    ),
    path("children/<int:pk>/", views.ChildDetailView.as_view(), name="child"),
    path("children/<int:pk>/change/", views.ChildChangeView.as_view(), name="child-change"),
    path("national-panel/", views.SubmissionListView.as_view(), name="submissions"),
    path("national-panel/<int:pk>/", views.SubmissionDetailView.as_view(), name="submission"),
]
