from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = "Registry"

    def ready(self):
        from registry.page_cache_invalidation import published_data_written

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(published_data_written, dispatch_uid=f"page-cache-{signal!r}")
