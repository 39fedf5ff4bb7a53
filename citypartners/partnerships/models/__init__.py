from .pages import BoroughIndexPage, BoroughPage, PartnerCityPage, ProjectCooperationsPage
from .partnership import FoundingDocument, Partnership, PartnershipStatus
from .reference import Authority, City, FocusArea

__all__ = [
    "Authority",
    "BoroughIndexPage",
    "BoroughPage",
    "City",
    "FocusArea",
    "FoundingDocument",
    "PartnerCityPage",
    "Partnership",
    "PartnershipStatus",
    "ProjectCooperationsPage",
]
