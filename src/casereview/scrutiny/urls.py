from django.urls import path

from casereview.scrutiny import views

app_name = "scrutiny"

urlpatterns = [
    path("scrutiny/", views.CommentListView.as_view(), name="comments"),
    path("scrutiny/open/", views.OpenRecordsView.as_view(), name="open"),
    path(
        "scrutiny/rapid-reviews/<int:pk>/",
        views.RapidReviewScrutinyView.as_view(),
        name="rapid-review",
    ),
    path("scrutiny/decisions/<int:pk>/", views.DecisionScrutinyView.as_view(), name="decision"),
    path("scrutiny/reviews/<int:pk>/", views.ReviewScrutinyView.as_view(), name="review"),
    path("scrutiny/comments/<int:pk>/respond/", views.RespondView.as_view(), name="respond"),
]
