"""Django's admin must not become a side door round the actions and the audit log.

Roles (auth groups), email addresses, two-factor authenticators and queued tasks (which
can hold email contents) are changed only through the audited flows, so the admin does
not offer them.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.models import Group
from django_tasks_db.models import DBTaskResult

for model in (Group, EmailAddress, Authenticator, DBTaskResult):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
