from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "casereview.accounts"
    label = "accounts"
    verbose_name = "Partnerships and people"

    def ready(self) -> None:
        from casereview.accounts import (
            dashboard,  # noqa: F401  registers home page panels and what each role does
            permissions,
        )
        from casereview.core.tenancy import use_permission_table

        use_permission_table(permissions)  # core's tenancy checks consult accounts' table
