"""When the page cache must forget: any write to the data public pages are made of.

Connected to every save, delete and many-to-many change (registry.apps); a write to a model of one
of PAGE_CACHE_DATA_APPS (agreements and their versions, jurisdictions, organisations, positions and
holders, the site's pages) raises the data version. Sessions, sign-in records and task results are
other apps and leave the cache alone. Bulk writes (`QuerySet.update`, `bulk_create`) send no
signal: code that uses them on published data calls `page_cache.published_data_changed()`.
"""

from django.conf import settings

from registry.page_cache import published_data_changed


def published_data_written(sender, **kwargs) -> None:
    action = kwargs.get("action")
    if action is not None and not action.startswith("post_"):
        return  # m2m_changed fires before and after; the "post_" signal is the write
    if getattr(getattr(sender, "_meta", None), "app_label", None) in settings.PAGE_CACHE_DATA_APPS:
        published_data_changed()
