"""`manage.py matching_alerts`: the matching sweep.

Tells every coordinator, once, about each proposed match a supporter hasn't answered in 3
days and each active match with no check-in for 3 weeks, exactly as the task worker does
(`matching.tasks`). Nothing is sent twice, so it is safe to run beside the worker.
Operators whose task backend can't run tasks later should run it every hour::

    0 * * * * cd /srv/alongside && ./manage.py matching_alerts
"""

from django.core.management.base import BaseCommand

from alongside.matching.tasks import send_due_alerts


class Command(BaseCommand):
    help = "Tell coordinators about unanswered proposals and matches gone quiet."

    def handle(self, *args, **options):
        counts = send_due_alerts()
        self.stdout.write(
            f"Unanswered proposals: {counts['no_response']}. Quiet matches: {counts['no_contact']}."
        )
