"""The moderation queue: safety alerts, member reports and held content, and what
moderators do about them. Every moderator action goes through `record_moderation`, which
writes both the item's history (ModerationAction) and the audit log."""
