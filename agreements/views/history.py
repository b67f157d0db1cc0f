"""The change history in the agreements' admin.

The view and the merged, paginated history are shared by every registry viewset and live in
`registry.admin_history` (re-exported here under the names the agreements' views import). This
module adds the agreements' own naming rule: a relation may point at an agreement the reader may
not see, which the history then names neutrally instead of by its title. `history_names_install`
registers it; AgreementsConfig.ready calls it.
"""

from django.utils.translation import gettext_lazy as _

from agreements import permissions
from agreements.models import Agreement
from registry.admin_history import (
    DELETED_OBJECT,
    EMPTY,
    HISTORY_TYPES,
    NO_USER,
    ChangeHistoryView,
    FieldChange,
    HistoryEntry,
    HistoryNames,
    HistorySource,
    history_names_register,
    history_page,
    own_history,
)

__all__ = [
    "DELETED_OBJECT",
    "EMPTY",
    "HIDDEN_AGREEMENT",
    "HISTORY_TYPES",
    "NO_USER",
    "ChangeHistoryView",
    "FieldChange",
    "HistoryEntry",
    "HistorySource",
    "hidden_agreement_ids",
    "history_names_install",
    "history_page",
    "own_history",
]

HIDDEN_AGREEMENT = _("an agreement you may not see")


def hidden_agreement_ids(user, pks: set) -> set:
    """Of the agreements `pks`, those `user` may not see (one query)."""
    visible = permissions.visible_agreements(user).filter(pk__in=pks)
    return set(pks) - set(visible.values_list("pk", flat=True))


def history_names_install() -> None:
    """Make every change history name hidden agreements neutrally."""
    history_names_register(
        Agreement, HistoryNames(hidden=hidden_agreement_ids, hidden_label=HIDDEN_AGREEMENT)
    )
