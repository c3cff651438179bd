from django.urls import path

from casereview.publication import views

app_name = "publication"

urlpatterns = [
    path(
        "documents/files/<int:pk>/identifying-details/",
        views.CheckView.as_view(),
        name="check",
    ),
    path("identifying-details/<int:pk>/", views.FindingView.as_view(), name="finding"),
    path("acceptable-names/", views.AcceptableNamesView.as_view(), name="acceptable-names"),
    path(
        "acceptable-names/<int:pk>/remove/",
        views.RemoveAcceptableNameView.as_view(),
        name="remove-acceptable-name",
    ),
    path(
        "reviews/<int:pk>/suggested-themes/",
        views.SuggestedThemesView.as_view(),
        name="suggested-themes",
    ),
    path(
        "suggested-themes/<int:pk>/decide/",
        views.DecideSuggestionView.as_view(),
        name="decide-suggestion",
    ),
]
