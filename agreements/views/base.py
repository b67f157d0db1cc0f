"""The registry's admin base views and viewset, under the names the agreements' views import.

They live in `registry.admin_views` (below both apps, so that jurisdictions share them without
importing agreements): ORM search, the change history, explained deletions, change reasons and
the stale-edit check. See docs/decisions/0015-import-direction.md.
"""

from registry.admin_views import (
    CHANGE_HISTORY_LABEL,
    CREATED_IN_ADMIN,
    DELETE_BLOCKED,
    DELETED_IN_ADMIN,
    EDITED_IN_ADMIN,
    UNREGISTERED_URL_NAMES,
    ChangeHistoryLinkMixin,
    ProtectedDeleteView,
    RegistryCreateView,
    RegistryEditView,
    RegistryIndexView,
    RegistryInspectView,
    RegistryModelViewSet,
    blocked_deletion_message,
    distinct_search,
)

__all__ = [
    "CHANGE_HISTORY_LABEL",
    "CREATED_IN_ADMIN",
    "DELETED_IN_ADMIN",
    "DELETE_BLOCKED",
    "EDITED_IN_ADMIN",
    "UNREGISTERED_URL_NAMES",
    "ChangeHistoryLinkMixin",
    "ProtectedDeleteView",
    "RegistryCreateView",
    "RegistryEditView",
    "RegistryIndexView",
    "RegistryInspectView",
    "RegistryModelViewSet",
    "blocked_deletion_message",
    "distinct_search",
]
