"""Admin registrations for jurisdictions: chooser modals for their long foreign-key lists.

Their listing and editing viewsets are registered in the "Registry reference data" menu group by
agreements/wagtail_hooks.py.
"""

from wagtail import hooks

from .views import (
    JurisdictionChooserViewSet,
    OrganizationChooserViewSet,
    PersonChooserViewSet,
    PositionChooserViewSet,
)


@hooks.register("register_admin_viewset")
def register_jurisdiction_choosers():
    return [
        JurisdictionChooserViewSet("jurisdiction_chooser", url_prefix="choose/jurisdiction"),
        OrganizationChooserViewSet("organisation_chooser", url_prefix="choose/organisation"),
        PositionChooserViewSet("position_chooser", url_prefix="choose/position"),
        PersonChooserViewSet("person_chooser", url_prefix="choose/person"),
    ]
