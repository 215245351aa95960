"""Field errors are keyed by the field's own name, even a field called "body"."""

API = "/api/v1/community"


def test_a_missing_post_body_is_reported_against_body(client_for, member):
    from alongside.community.tests.factories_forum import thread_by

    thread = thread_by(member)
    response = client_for(member).post(
        f"{API}/threads/{thread.pk}/posts", {}, content_type="application/json"
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {"body": ["This field is required."]}
