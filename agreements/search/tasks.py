"""Background work for the search index (django-tasks). Schedule `refresh_search_index` daily,
after midnight (or run `manage.py search_reindex --stale` from cron): versions signed with a
future effective date become searchable the day they take effect.

Writes that change what the public may read of an agreement call `index_agreement_enqueue` on
commit: the browser's read model, which every public page, search and API answer is restricted
by, is refreshed at once in the request (a restricted agreement disappears everywhere at once),
and the full-text entry is rewritten by the worker (`manage.py db_worker` in production)."""

from django_tasks import task

from agreements.published_read_model import read_model_refresh
from agreements.search.indexing import index_search_entry, reindex_stale


@task()
def refresh_search_index() -> dict[str, int]:
    """Index missing or out-of-date entries and remove unpublished ones. Idempotent."""
    run = reindex_stale()
    return {"indexed": run.indexed, "removed": run.removed}


@task()
def index_agreement_task(agreement_id: int) -> bool:
    """The agreement's search entry, in the background (`index_agreement_enqueue`). The read
    model is not refreshed again: the request that queued the task did it. Returns whether the
    agreement has an entry now."""
    return index_search_entry(agreement_id=agreement_id) is not None


def index_agreement_enqueue(*, agreement_id: int) -> None:
    """Refresh the agreement's read model row now and queue its search entry. Call it through
    `transaction.on_commit`, so the worker finds the committed rows."""
    read_model_refresh([agreement_id])
    index_agreement_task.enqueue(agreement_id=agreement_id)
