from .activity import Activity, ActivityKind

__all__ = ["Activity", "ActivityKind"]
