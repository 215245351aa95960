from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "alongside.common"
    label = "common"
    verbose_name = "Common"

    def ready(self):
        from django_tasks.signals import task_finished

        from alongside.common.tasks import forget_email_contents

        task_finished.connect(forget_email_contents, dispatch_uid="forget_email_contents")
