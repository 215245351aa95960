"""The UK and US crisis resources an organisation starts with. Coordinators can change them
on /staff/crisis-resources/. Reversing removes only these defaults, by name and country."""

from django.db import migrations

DEFAULTS = [
    {
        "country": "GB",
        "name": "Emergency services",
        "description": "Call 999 or go to your nearest A&E if you have hurt yourself or "
        "can't keep yourself safe.",
        "phone": "999",
        "opening_hours": "24 hours, every day",
        "is_emergency": True,
        "is_24_hours": True,
        "order": 0,
    },
    {
        "country": "GB",
        "name": "Samaritans",
        "description": "Someone will listen, without judging you. Free to call.",
        "phone": "116 123",
        "web_url": "https://www.samaritans.org/",
        "opening_hours": "24 hours, every day",
        "is_24_hours": True,
        "order": 10,
    },
    {
        "country": "GB",
        "name": "Shout",
        "description": "Free, confidential support by text, if you'd rather text than talk.",
        "text_number": "85258",
        "text_keyword": "SHOUT",
        "web_url": "https://giveusashout.org/",
        "opening_hours": "24 hours, every day",
        "is_24_hours": True,
        "order": 20,
    },
    {
        "country": "GB",
        "name": "NHS 111, option 2",
        "description": "Urgent mental health help from the NHS.",
        "phone": "111",
        "web_url": "https://111.nhs.uk/",
        "opening_hours": "24 hours, every day",
        "is_24_hours": True,
        "order": 30,
    },
    {
        "country": "GB",
        "name": "Childline",
        "description": "Free, private support for children and young people.",
        "phone": "0800 1111",
        "web_url": "https://www.childline.org.uk/",
        "opening_hours": "24 hours, every day",
        "audience": "Under 19s",
        "is_24_hours": True,
        "order": 40,
    },
    {
        "country": "US",
        "name": "Emergency services",
        "description": "Call 911 if you have hurt yourself or can't keep yourself safe.",
        "phone": "911",
        "opening_hours": "24 hours, every day",
        "is_emergency": True,
        "is_24_hours": True,
        "order": 0,
    },
    {
        "country": "US",
        "name": "988 Suicide & Crisis Lifeline",
        "description": "Call or text 988 to talk with someone who cares. Free and confidential.",
        "phone": "988",
        "text_number": "988",
        "web_url": "https://988lifeline.org/",
        "opening_hours": "24 hours, every day",
        "is_24_hours": True,
        "order": 10,
    },
    {
        "country": "US",
        "name": "Crisis Text Line",
        "description": "Free support by text from a trained volunteer.",
        "text_number": "741741",
        "text_keyword": "HOME",
        "web_url": "https://www.crisistextline.org/",
        "opening_hours": "24 hours, every day",
        "is_24_hours": True,
        "order": 20,
    },
]


def add_defaults(apps, schema_editor):
    CrisisResource = apps.get_model("safety", "CrisisResource")
    for resource in DEFAULTS:
        CrisisResource.objects.get_or_create(
            country=resource["country"], name=resource["name"], defaults=resource
        )


def remove_defaults(apps, schema_editor):
    CrisisResource = apps.get_model("safety", "CrisisResource")
    for resource in DEFAULTS:
        CrisisResource.objects.filter(country=resource["country"], name=resource["name"]).delete()


class Migration(migrations.Migration):
    dependencies = [("safety", "0002_crisis_resource")]

    operations = [migrations.RunPython(add_defaults, remove_defaults)]
