from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "casereview.themes"
    label = "themes"
    verbose_name = "Themes"
