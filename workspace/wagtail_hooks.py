"""The workspace's admin surfaces: the admin home's panels, report views, reminders and the
calendar feed settings."""


# --- H7: admin home panels, reports and the accountability matrix ------------------------------

from django.urls import path, reverse  # noqa: E402
from django.utils.translation import gettext_lazy as _  # noqa: E402
from wagtail import hooks  # noqa: E402
from wagtail.admin.menu import Menu  # noqa: E402

from workspace import panels as workspace_panels  # noqa: E402
from workspace import views as workspace_views  # noqa: E402

WORKSPACE_REPORTS = (
    ("due", "obligations-due/", workspace_views.DueObligationsView, "date"),
    ("overdue", "obligations-overdue/", workspace_views.OverdueObligationsView, "warning"),
    ("expiring", "agreements-expiring/", workspace_views.ExpiringAgreementsView, "time"),
    ("gaps", "accountability-gaps/", workspace_views.AccountabilityGapsView, "warning"),
    ("matrix", "accountability-matrix/", workspace_views.AccountabilityMatrixView, "group"),
    ("recent_changes", "recent-changes/", workspace_views.RecentChangesView, "history"),
)


@hooks.register("construct_homepage_panels")
def add_workspace_panels(request, panels):
    panels.extend(workspace_panels.panels_for(request.user))


@hooks.register("register_admin_urls")
def register_workspace_report_urls():
    return [
        path(f"workspace/{route}", view.as_view(), name=f"workspace_{name}")
        for name, route, view, _icon in WORKSPACE_REPORTS
    ]


@hooks.register("register_admin_menu_item")
def register_workspace_menu():
    items = [
        workspace_views.WorkspaceMenuItem(
            view.page_title,
            reverse(f"workspace_{name}"),
            name=f"workspace-{name.replace('_', '-')}",
            icon_name=icon,
            order=order,
        )
        for order, (name, _route, view, icon) in enumerate(WORKSPACE_REPORTS, start=1)
    ]
    return workspace_views.WorkspaceSubmenuMenuItem(
        _("Workspace"), Menu(items=items), name="workspace", icon_name="table", order=250
    )


# --- H2: the personal calendar feed (workspace/calendar_views.py) ----------------------------

from workspace import calendar_views  # noqa: E402


@hooks.register("register_admin_urls")
def register_calendar_feed_urls():
    return [
        path(
            "workspace/calendar-feed/",
            calendar_views.CalendarFeedView.as_view(),
            name="workspace_calendar",
        )
    ]


@hooks.register("register_account_menu_item")
def register_calendar_feed_account_item(request):
    return calendar_views.CalendarMenuItem(reverse("workspace_calendar"))
