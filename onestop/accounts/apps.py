from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "onestop.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        from onestop.accounts import auth_events, services

        auth_events.connect()
        # Roles are Django groups kept in step with capabilities.ROLES after every migrate.
        post_migrate.connect(services.roles_sync_after_migrate, sender=self)
