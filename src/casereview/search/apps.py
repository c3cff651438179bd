from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "casereview.search"
    verbose_name = "Search"
