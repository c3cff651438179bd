from django.apps import AppConfig


class ScrutinyConfig(AppConfig):
    name = "casereview.scrutiny"
    verbose_name = "Independent scrutiny"

    def ready(self) -> None:
        # Registers the home page panels, what the referral and review pages show of
        # the scrutiny of their records, and the colours of its statuses.
        from casereview.scrutiny import dashboard, sections, statuses  # noqa: F401
