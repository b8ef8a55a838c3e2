from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResearchConfig(AppConfig):
    name = "onestop.research"
    label = "research"
    verbose_name = _("Research sandbox")
    default_auto_field = "django.db.models.BigAutoField"
