from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "casereview.reviews"
    label = "reviews"
    verbose_name = "Reviews"

    def ready(self) -> None:
        from casereview.reviews import dashboard  # noqa: F401  registers home page panels
