"""Test helper: what Wagtail's edit form posts about the version it was opened on."""


def opened_tokens(record) -> dict:
    """The hidden inputs of an edit form opened now on a record with revisions (none for a
    record without), as the edit templates render them (core.admin_forms checks them)."""
    fresh = type(record)._default_manager.get(pk=record.pk)
    latest = getattr(fresh, "latest_revision", None)
    if latest is None:
        return {}
    return {
        "loaded_revision_id": str(latest.pk),
        "loaded_revision_created_at": latest.created_at.isoformat(),
    }
