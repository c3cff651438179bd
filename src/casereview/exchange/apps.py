from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "casereview.exchange"
    label = "exchange"
    verbose_name = "Exchange format"
    default_auto_field = "django.db.models.BigAutoField"
