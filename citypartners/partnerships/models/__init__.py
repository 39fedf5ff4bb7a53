from .partnership import FoundingDocument, Partnership, PartnershipStatus
from .reference import City, FocusArea

__all__ = [
    "City",
    "FocusArea",
    "FoundingDocument",
    "Partnership",
    "PartnershipStatus",
]
