"""Wagtail admin registrations for the registry (registration only; others append theirs)."""

from django.urls import path, reverse
from wagtail import hooks

from agreements.views.briefs import (
    BRIEFS_TITLE,
    AccountabilityBriefIndexView,
    BriefsMenuItem,
    accountability_brief_pdf,
)
from agreements.views.choosers import AgreementChooserViewSet
from agreements.views.viewsets import AgreementsGroup, ReferenceDataGroup
from jurisdictions.staff import refuse_bulk_user_delete, refuse_user_delete


@hooks.register("register_admin_viewset")
def register_registry_admin():
    return [
        AgreementsGroup(),
        ReferenceDataGroup(),
        AgreementChooserViewSet("agreement_chooser", url_prefix="choose/agreement"),
    ]


# --- Accountability briefs (PDF) ---------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_accountability_brief_urls():
    return [
        path(
            "accountability-briefs/",
            AccountabilityBriefIndexView.as_view(),
            name="agreements_accountability_briefs",
        ),
        path(
            "accountability-briefs/<int:organization_id>.pdf",
            accountability_brief_pdf,
            name="agreements_accountability_brief",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_accountability_brief_menu_item():
    return BriefsMenuItem(
        BRIEFS_TITLE,
        reverse("agreements_accountability_briefs"),
        name="accountability-briefs",
        icon_name="doc-full",
        order=300,
    )


# --- Lifecycle: transitions, transition log, versions, comparisons, amendments ------------------


@hooks.register("register_admin_urls")
def register_lifecycle_urls():
    from agreements.views.lifecycle.urls import admin_urls

    return admin_urls()


# --- Reports against obligations: submit, accept or return, download attachments -------------


@hooks.register("register_admin_urls")
def register_report_urls():
    from agreements.views.reports import admin_urls

    return admin_urls()


# --- Reviews: approval per signing party; approval gates per jurisdiction ---------------------


@hooks.register("register_admin_urls")
def register_review_urls():
    from agreements.views.reviews import admin_urls

    return admin_urls()


@hooks.register("register_admin_menu_item")
def register_reviews_menu_item():
    from agreements.views.reviews import REVIEWS_TITLE, ReviewsMenuItem

    return ReviewsMenuItem(
        REVIEWS_TITLE,
        reverse("agreement_reviews:index"),
        name="awaiting-my-review",
        icon_name="tasks",
        order=205,
    )


@hooks.register("register_admin_viewset")
def register_approval_gates():
    from agreements.views.reviews import ApprovalGateViewSet

    return ApprovalGateViewSet()


# --- Machinery of government: "Record succession" on an organisation (registrars) -------------


@hooks.register("register_admin_urls")
def register_succession_urls():
    from agreements.views.succession import admin_urls

    return admin_urls()


# Staff accounts are deactivated, never deleted (jurisdictions/staff.py).
hooks.register("before_delete_user", refuse_user_delete)
hooks.register("before_bulk_action", refuse_bulk_user_delete)
