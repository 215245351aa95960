"""Every change in the community. Each is one transaction; member text goes through
`community.text.prepare_member_text`; channel-layer sends, emails and tasks happen only
after commit. Callers authorise first (community.permissions); actions refuse only what
depends on the state of things, with a CommunityActionError."""
