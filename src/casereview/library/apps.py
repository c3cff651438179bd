from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "casereview.library"
    verbose_name = "Library of published learning"

    def ready(self) -> None:
        # Registers what a review's page shows of the published reviews like it.
        from casereview.library import sections  # noqa: F401
