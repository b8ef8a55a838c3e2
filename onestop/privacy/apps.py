from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "onestop.privacy"
    label = "privacy"
    verbose_name = _("Personal data protection")
    default_auto_field = "django.db.models.BigAutoField"
