from django.urls import path

from casereview.library import views

app_name = "library"

urlpatterns = [
    path("library/", views.LibraryView.as_view(), name="library"),
    path("library/<int:pk>/", views.PublishedReviewView.as_view(), name="published-review"),
    path("reviews/<int:pk>/like-this/", views.ReviewsLikeView.as_view(), name="reviews-like"),
]
