from django.apps import AppConfig


class PublicationConfig(AppConfig):
    name = "casereview.publication"
    verbose_name = "Before publication: identifying details and themes from the text"
