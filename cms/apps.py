from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Public site")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from cms.routing import page_changed, structure_written

        # Cached routing and navigation (cms.routing) follow every change to pages and sites.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(structure_written, dispatch_uid=f"site-structure-{signal!r}")
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(page_changed, dispatch_uid=f"site-structure-{signal!r}")
