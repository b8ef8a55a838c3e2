from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GivingConfig(AppConfig):
    name = "onestop.giving"
    label = "giving"
    verbose_name = _("CSR partners and giving")
    default_auto_field = "django.db.models.BigAutoField"
