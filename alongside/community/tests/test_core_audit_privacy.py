"""The audit log records who did what to which thing, never what a member wrote."""

from alongside.common.models import AuditLogEntry
from alongside.community.actions.forum import reply_to_thread, start_thread
from alongside.community.tests.factories import GuidelinesAcceptanceFactory, SpaceFactory


def test_starting_and_replying_to_a_thread_leaves_no_member_text_in_the_audit_log(
    member, other_member
):
    space = SpaceFactory()
    for user in (member, other_member):
        GuidelinesAcceptanceFactory(space=space, user=user)
    thread = start_thread(
        author=member,
        space=space,
        title="Hardest week since the diagnosis",
        body="I can't stop thinking about the appointment.",
    )
    reply_to_thread(thread=thread, author=other_member, body="I remember that feeling.")

    entries = list(AuditLogEntry.objects.all())
    assert entries
    for entry in entries:
        written = f"{entry.target_label} {entry.data}"
        for words in ("diagnosis", "appointment", "that feeling"):
            assert words not in written
