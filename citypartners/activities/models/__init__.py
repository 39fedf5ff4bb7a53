from .activity import Activity, ActivityKind, ActivityParticipantCountry, ActivityProgrammeDay

__all__ = ["Activity", "ActivityKind", "ActivityParticipantCountry", "ActivityProgrammeDay"]
