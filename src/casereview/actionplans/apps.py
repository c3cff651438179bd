from django.apps import AppConfig


class ActionPlansConfig(AppConfig):
    name = "casereview.actionplans"
    label = "actionplans"
    verbose_name = "Recommendations and action plans"

    def ready(self) -> None:
        from casereview.actionplans import (
            cautions,  # noqa: F401  warns before sign-off
            dashboard,  # noqa: F401  registers home page panels
            statuses,  # noqa: F401  colours the RAG ratings' tags
        )
        from casereview.actionplans.choices import MonitoringGroup
        from casereview.core.navigation import URL_ARGS

        # The navigation's monitoring entry opens on the executive group's actions.
        URL_ARGS["actionplans:monitoring"] = (MonitoringGroup.EXECUTIVE,)
