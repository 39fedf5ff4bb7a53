from .partnership import FoundingDocument, Partnership, PartnershipStatus
from .reference import City, FocusArea
from .summary import CitySummary

__all__ = [
    "City",
    "CitySummary",
    "FocusArea",
    "FoundingDocument",
    "Partnership",
    "PartnershipStatus",
]
