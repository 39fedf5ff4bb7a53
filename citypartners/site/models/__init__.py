"""Every Wagtail page of the public site; each composes the domain apps' selectors."""

from .activities import ActivityIndexPage
from .annual_reports import AnnualReportIndexPage, AnnualReportPage
from .easy_language import EasyLanguagePage
from .feedback import AccessibilityFeedback
from .get_involved import GetInvolvedPage
from .home import AccessibilityPage, HomePage, StandardPage
from .organisations import OrganisationIndexPage
from .partnerships import BoroughIndexPage, BoroughPage, PartnerCityPage, ProjectCooperationsPage
from .projects import ProjectIndexPage
from .video import VideoPage

__all__ = [
    "AccessibilityFeedback",
    "AccessibilityPage",
    "ActivityIndexPage",
    "AnnualReportIndexPage",
    "AnnualReportPage",
    "BoroughIndexPage",
    "BoroughPage",
    "EasyLanguagePage",
    "GetInvolvedPage",
    "HomePage",
    "OrganisationIndexPage",
    "PartnerCityPage",
    "ProjectCooperationsPage",
    "ProjectIndexPage",
    "StandardPage",
    "VideoPage",
]
