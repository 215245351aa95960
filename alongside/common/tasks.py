"""Background work, run by the task worker (`manage.py db_worker`)."""

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django_tasks import task


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
