from django.apps import AppConfig


class ActionPlansConfig(AppConfig):
    name = "casereview.actionplans"
    label = "actionplans"
    verbose_name = "Recommendations and action plans"

    def ready(self) -> None:
        from casereview.actionplans import dashboard  # noqa: F401  registers home page panels
