"""The lifecycle pages and actions, all under /admin/agreement-lifecycle/<pk>/ in the
"agreement_lifecycle" namespace."""

from django.urls import include, path

from .moves import AmendmentOpenView, AmendmentTransitionView, TransitionView
from .overview import LifecycleOverviewView
from .records import LaterSignatureView, ParityExemptionView
from .versions import CompareView, VersionView

urlpatterns = [
    path("", LifecycleOverviewView.as_view(), name="overview"),
    path("transition/<str:to>/", TransitionView.as_view(), name="transition"),
    path("versions/<int:number>/", VersionView.as_view(), name="version"),
    path("compare/", CompareView.as_view(), name="compare"),
    path("amendments/open/", AmendmentOpenView.as_view(), name="amendment_open"),
    path("parity-exemption/", ParityExemptionView.as_view(), name="parity_exemption"),
    path("later-signature/", LaterSignatureView.as_view(), name="later_signature"),
    path(
        "amendments/<int:number>/transition/<str:to>/",
        AmendmentTransitionView.as_view(),
        name="amendment_transition",
    ),
]


def admin_urls():
    """For the `register_admin_urls` hook: everything under /admin/agreement-lifecycle/<pk>/."""
    return [
        path(
            "agreement-lifecycle/<int:pk>/",
            include((urlpatterns, "agreement_lifecycle"), namespace="agreement_lifecycle"),
        )
    ]
