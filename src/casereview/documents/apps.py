from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "casereview.documents"
    verbose_name = "Documents"

    def ready(self) -> None:
        from casereview.documents import statuses  # noqa: F401 (the colours of its tags)
