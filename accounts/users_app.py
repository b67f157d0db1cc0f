"""Wagtail's users app with this project's user viewset (accounts/user_views.py), which adds the
organisation "Roles" field to the user create and edit forms. Listed in INSTALLED_APPS in place
of "wagtail.users"; same name and label, so Wagtail's templates and migrations are unchanged.

Kept apart from accounts/apps.py and free of model imports: Django imports it while loading the
app registry."""

from wagtail.users.apps import WagtailUsersAppConfig


class RegistryUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "accounts.user_views.RegistryUserViewSet"
