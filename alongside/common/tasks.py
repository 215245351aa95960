"""Background work, run by the task worker (`manage.py db_worker`)."""

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django_tasks import task, task_backends


@task()
def send_email(
    *, subject: str, body: str, from_email: str, to: list[str], html: str | None = None
) -> None:
    message = EmailMultiAlternatives(subject=subject, body=body, from_email=from_email, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


def send_email_after_commit(message: EmailMultiAlternatives) -> None:
    """Queue `message` for the worker once the current transaction has committed.

    Email never slows a page down or fails it: a slow or broken mail server only delays
    the task, which the worker retries from the queue.
    """
    html = next(
        (content for content, mimetype in message.alternatives if mimetype == "text/html"), None
    )
    kwargs = {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": str(message.from_email),
        "to": [str(address) for address in message.to],
        "html": html,
    }
    transaction.on_commit(lambda: send_email.enqueue(**kwargs))


def forget_email_contents(sender, task_result, **kwargs) -> None:
    """Once an email task has finished, blank its stored arguments.

    They hold the rendered message, which can carry a password-reset or sign-in link; the
    queue needs them only until the worker has sent it. The result row (status, times)
    stays for operators.
    """
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if task_result.task.func is not send_email.func:
        return
    if not isinstance(task_backends[task_result.backend], DatabaseBackend):
        return

    DBTaskResult.objects.filter(id=task_result.id).update(args_kwargs={"args": [], "kwargs": {}})
