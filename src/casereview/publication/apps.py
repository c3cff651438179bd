from django.apps import AppConfig


class PublicationConfig(AppConfig):
    name = "casereview.publication"
    verbose_name = "Before publication: identifying details and themes from the text"

    def ready(self) -> None:
        # A review document's file is checked once its text is read; publishing waits for
        # its findings to be decided; the review's and document's pages show where each stands.
        from casereview.core.signals import record_written
        from casereview.publication import gates, sections, statuses  # noqa: F401
        from casereview.publication.services import on_text_read

        record_written.connect(on_text_read, dispatch_uid="identifying-details-check")
