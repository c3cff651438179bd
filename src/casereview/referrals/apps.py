from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "casereview.referrals"
    label = "referrals"
    verbose_name = "Cases to consider"

    def ready(self) -> None:
        from casereview.referrals import (
            dashboard,  # noqa: F401  registers home page panels
            statuses,  # noqa: F401  colours its statuses' tags
        )
