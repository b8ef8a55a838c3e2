from django.apps import AppConfig


class PublicConfig(AppConfig):
    """Pages for the public: thin views over the intake services. No models."""

    name = "onestop.public"
    label = "public"
