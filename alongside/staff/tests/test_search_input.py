import pytest


@pytest.mark.parametrize(("path", "param"), [("/staff/members/", "q"), ("/staff/audit/", "verb")])
@pytest.mark.parametrize("value", ["nul\x00byte", "x" * 500])
def test_unusable_filters_get_a_message_not_an_error(client_for, coordinator, path, param, value):
    response = client_for(coordinator).get(path, {param: value})

    assert response.status_code == 200
    assert 'class="errorlist"' in response.content.decode()
