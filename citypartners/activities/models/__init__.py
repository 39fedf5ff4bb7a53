from .activity import Activity, ActivityKind
from .pages import ActivityIndexPage

__all__ = ["Activity", "ActivityIndexPage", "ActivityKind"]
