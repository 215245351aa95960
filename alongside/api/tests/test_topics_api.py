"""GET /api/v1/topics: the topics members can choose, for any logged-in caller."""

from alongside.accounts.models import Topic
from alongside.accounts.tests.factories import TopicFactory


def test_active_topics_are_listed_by_name(client_for, member):
    TopicFactory(name="Zebra crossings", slug="zebra-crossings", description="Road safety")
    TopicFactory(name="Retired topic", slug="retired", is_active=False)

    response = client_for(member).get("/api/v1/topics")

    assert response.status_code == 200
    topics = response.json()
    assert {"slug": "anxiety", "name": "Anxiety", "description": ""} in topics
    assert {"slug": "zebra-crossings", "name": "Zebra crossings", "description": "Road safety"} in (
        topics
    )
    assert "retired" not in {topic["slug"] for topic in topics}
    assert len(topics) == Topic.objects.filter(is_active=True).count()
    names = [topic["name"] for topic in topics]
    assert names == sorted(names, key=str.lower)


def test_topics_need_authentication(db, client):
    response = client.get("/api/v1/topics")

    assert response.status_code == 401
    assert "detail" in response.json()
