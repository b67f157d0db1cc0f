"""Background work for the search index (django-tasks). Schedule `refresh_search_index` daily,
after midnight (or run `manage.py search_reindex --stale` from cron): versions signed with a
future effective date become searchable the day they take effect."""

from django_tasks import task

from agreements.search.indexing import index_agreement, reindex_stale


@task()
def refresh_search_index() -> dict[str, int]:
    """Index missing or out-of-date entries and remove unpublished ones. Idempotent."""
    run = reindex_stale()
    return {"indexed": run.indexed, "removed": run.removed}


@task()
def index_agreement_task(agreement_id: int) -> bool:
    """`index_agreement` in the background, for callers that prefer not to wait for it.
    Returns whether the agreement has an entry now."""
    return index_agreement(agreement_id=agreement_id) is not None
