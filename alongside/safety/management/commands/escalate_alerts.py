"""`manage.py escalate_alerts`: the safety sweep for urgent alerts nobody has claimed.

It tells the on-duty moderators (or, with nobody on duty, every moderator) about each
urgent alert still unclaimed 5 minutes after it was raised, exactly as the task worker
does (`safety.tasks.escalate_alert`); an alert is never escalated twice, so it is safe to
run beside the worker. Operators whose task backend can't run tasks later must run it every
minute, for example from cron::

    * * * * * cd /srv/alongside && ./manage.py escalate_alerts
"""

from django.core.management.base import BaseCommand

from alongside.safety.tasks import escalate_due_alerts


class Command(BaseCommand):
    help = "Escalate every urgent safety alert still unclaimed 5 minutes after it was raised."

    def handle(self, *args, **options):
        count = escalate_due_alerts()
        self.stdout.write(f"Escalated {count} urgent alert{'' if count == 1 else 's'}.")
