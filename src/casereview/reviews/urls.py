from django.urls import path

from casereview.reviews import views

app_name = "reviews"

urlpatterns = [
    path("reviews/", views.ReviewListView.as_view(), name="reviews"),
    path("reviews/add/", views.ReviewAddView.as_view(), name="review-add"),
    path("reviews/<int:pk>/", views.ReviewDetailView.as_view(), name="review"),
    path("reviews/<int:pk>/change/", views.ReviewChangeView.as_view(), name="review-change"),
    path(
        "reviews/<int:pk>/status/<slug:transition>/",
        views.TransitionView.as_view(),
        name="transition",
    ),
    path("reviews/<int:pk>/report-sent/", views.ReportSentView.as_view(), name="report-sent"),
    path(
        "reviews/<int:pk>/not-published/",
        views.DecisionNotToPublishView.as_view(),
        name="decision-not-to-publish",
    ),
    path("reviews/<int:pk>/delay/", views.DelayView.as_view(), name="delay"),
    path(
        "reviews/<int:pk>/parallel-processes/add/",
        views.ParallelProcessAddView.as_view(),
        name="process-add",
    ),
    path(
        "parallel-processes/<int:pk>/conclude/",
        views.ParallelProcessConcludeView.as_view(),
        name="process-conclude",
    ),
    path(
        "reviews/<int:pk>/family/add/", views.FamilyContributionAddView.as_view(), name="family-add"
    ),
    path("reviews/<int:pk>/documents/add/", views.DocumentAddView.as_view(), name="document-add"),
    path(
        "reviews/<int:pk>/learning-points/add/",
        views.LearningPointAddView.as_view(),
        name="point-add",
    ),
    path(
        "reviews/<int:pk>/learning-summary/",
        views.LearningSummaryView.as_view(),
        name="learning-summary",
    ),
    path(
        "reviews/<int:pk>/learning-summary.<str:file_format>",
        views.LearningSummaryDownloadView.as_view(),
        name="learning-summary-download",
    ),
    path("reviews/<int:pk>/reviewers/", views.AssignReviewerView.as_view(), name="assign-reviewer"),
    path("national-reviews/", views.NationalReviewListView.as_view(), name="national-reviews"),
    path(
        "national-reviews/add/",
        views.NationalReviewAddView.as_view(),
        name="national-review-add",
    ),
    path(
        "national-reviews/<int:pk>/change/",
        views.NationalReviewChangeView.as_view(),
        name="national-review-change",
    ),
]
