from django.apps import AppConfig
from django.db.models.signals import post_migrate


class OutcomesConfig(AppConfig):
    name = "alongside.outcomes"
    label = "outcomes"
    verbose_name = "wellbeing and outcomes"

    def ready(self):
        from alongside.outcomes.loading import load_after_migrate

        post_migrate.connect(load_after_migrate, sender=self)
        from alongside.outcomes import receivers  # noqa: F401  (connects the sign-up receiver)
