from django.db import migrations
from django.utils.text import slugify

DEFAULT_TOPICS = [
    "Anxiety",
    "Depression",
    "Bereavement",
    "Loneliness",
    "Caring for someone",
    "Psychosis",
    "Eating problems",
    "Self-harm",
    "LGBTQIA+",
    "Racism",
    "Parenthood",
]


def add_default_topics(apps, schema_editor):
    Topic = apps.get_model("accounts", "Topic")
    for name in DEFAULT_TOPICS:
        slug = slugify(name.replace("+", " plus")) or "topic"
        Topic.objects.get_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(add_default_topics, migrations.RunPython.noop)]
