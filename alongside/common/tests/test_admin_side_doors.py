from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.models import Group
from django_tasks_db.models import DBTaskResult


def test_admin_offers_no_way_round_the_audited_flows():
    for model in (Group, EmailAddress, Authenticator, DBTaskResult):
        assert not admin.site.is_registered(model), model
