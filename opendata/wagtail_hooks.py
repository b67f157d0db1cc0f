"""Wagtail admin registrations of the open-data app (registration only)."""

from django.urls import path, reverse
from wagtail import hooks

from opendata.import_views import IMPORT_TITLE, ImportMenuItem, ImportView


@hooks.register("register_admin_urls")
def register_import_urls():
    return [path("registry-import/", ImportView.as_view(), name="opendata_import")]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        IMPORT_TITLE,
        reverse("opendata_import"),
        name="registry-import",
        icon_name="upload",
        order=310,
    )
