"""Offer every wellbeing check-in that is due. The task worker does this by itself when
its backend can run tasks later; run this from cron otherwise."""

from django.core.management.base import BaseCommand

from alongside.outcomes.tasks import offer_due_check_ins


class Command(BaseCommand):
    help = "Offer due wellbeing check-ins and release held ones whose quiet period is over."

    def handle(self, *args, **options):
        offered = offer_due_check_ins.call()
        self.stdout.write(f"Offered {offered} check-in{'' if offered == 1 else 's'}.")
