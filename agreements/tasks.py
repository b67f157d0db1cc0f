"""Background work for agreements (django-tasks). Schedule `expire_agreements` daily, e.g. from
cron with `manage.py expire_agreements`, or by enqueueing the task from a scheduler."""

from django_tasks import task

from agreements.services.lifecycle import agreements_expire_due
from agreements.services.pdfs import version_pdfs_render


@task()
def expire_agreements() -> dict[str, list[str]]:
    """Move agreements in force whose expiry date has passed to expired, as the registry's
    system account. Idempotent. Returns the references expired and those that could not be."""
    run = agreements_expire_due()
    return {
        "expired": [agreement.reference for agreement in run.expired],
        "failed": [agreement.reference for agreement, _reason in run.failed],
    }


@task()
def render_version_pdfs(version_id: int) -> dict[str, str]:
    """Render and store a signed version's PDF in English and French (see
    agreements.services.pdfs). Enqueued when the version is recorded; idempotent, so a retry or a
    PDF already rendered on first request does no harm. Returns the SHA-256 of each PDF."""
    return version_pdfs_render(version_id=version_id)
