from django.urls import path

from casereview.actionplans import views

app_name = "actionplans"

urlpatterns = [
    path("actions/mine/", views.MyAgencyActionsView.as_view(), name="my-actions"),
    path("actions/monitoring/<slug:group>/", views.MonitoringView.as_view(), name="monitoring"),
    path(
        "actions/monitoring/<slug:group>/actions.xlsx",
        views.MonitoringWorkbookView.as_view(),
        name="monitoring-workbook",
    ),
    path("actions/<int:pk>/", views.ActionView.as_view(), name="action"),
    path("actions/<int:pk>/progress/", views.ProgressUpdateView.as_view(), name="action-progress"),
    path("actions/<int:pk>/status/", views.StatusView.as_view(), name="action-status"),
    path("reviews/<int:pk>/action-plan/", views.ReviewPlanView.as_view(), name="review-plan"),
    path(
        "reviews/<int:pk>/action-plan.<str:file_format>",
        views.ReviewPlanDownloadView.as_view(),
        name="review-plan-download",
    ),
    path(
        "reviews/<int:pk>/recommendations/add/",
        views.RecommendationAddView.as_view(),
        name="recommendation-add",
    ),
    path("recommendations/<int:pk>/actions/add/", views.ActionAddView.as_view(), name="action-add"),
    path("national-reviews/<int:pk>/", views.NationalReviewView.as_view(), name="national-review"),
    path(
        "national-reviews/<int:pk>/recommendations/add/",
        views.NationalRecommendationAddView.as_view(),
        name="national-recommendation-add",
    ),
]
