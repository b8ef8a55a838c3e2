from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "onestop.outcomes"
    label = "outcomes"
    verbose_name = _("Quality-of-life outcomes")
    default_auto_field = "django.db.models.BigAutoField"
