from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "alongside.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        # After every migrate (and every test-database flush) the role groups exist.
        post_migrate.connect(ensure_role_groups, sender=self)
        from alongside.accounts import receivers  # noqa: F401  (connects the audit receivers)


def ensure_role_groups(sender, using="default", **kwargs):
    from django.contrib.auth.models import Group, Permission

    from alongside.accounts.roles import ROLE_PERMISSIONS

    for role, permission in ROLE_PERMISSIONS.items():
        app_label, codename = permission.split(".")
        group, _ = Group.objects.using(using).get_or_create(name=role.value)
        perm = Permission.objects.using(using).get(
            content_type__app_label=app_label, codename=codename
        )
        group.permissions.add(perm)
