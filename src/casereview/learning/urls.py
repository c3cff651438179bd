from django.urls import path

from casereview.learning import views

app_name = "learning"

urlpatterns = [
    path("learning/", views.LearningInCommonView.as_view(), name="in-common"),
    path("learning/themes/", views.ThemeListView.as_view(), name="themes"),
    path("learning/themes/add/", views.ThemeAddView.as_view(), name="theme-add"),
    path("learning/events/", views.EventListView.as_view(), name="events"),
    path("learning/events/add/", views.EventAddView.as_view(), name="event-add"),
    path("learning/events/<int:pk>/", views.EventDetailView.as_view(), name="event"),
]
