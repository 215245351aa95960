from alongside.accounts.roles import Role, has_role, is_staff_member


def test_personas_hold_their_roles(member, peer_supporter, moderator, coordinator):
    assert not is_staff_member(member)
    assert has_role(peer_supporter, Role.PEER_SUPPORTER)
    assert has_role(moderator, Role.MODERATOR) and not has_role(moderator, Role.COORDINATOR)
    assert has_role(coordinator, Role.COORDINATOR)
    assert member.profile.display_name == "Robin"
