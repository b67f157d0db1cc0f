"""Background work for agreements (django-tasks). Schedule `expire_agreements` daily, e.g. from
cron with `manage.py run_daily`, or by enqueueing the task from a scheduler.

Tasks call services, never the reverse: a service that queues work of its own defines that task
beside itself (`render_version_pdfs`, in agreements.services.pdfs; `send_transition_notifications`,
in agreements.services.notifications), listed here too.
"""

from django_tasks import task

from agreements.services.lifecycle import agreements_expire_due
from agreements.services.notifications import send_transition_notifications
from agreements.services.pdfs import render_version_pdfs


@task()
def expire_agreements() -> dict[str, list[str]]:
    """Move agreements in force whose expiry date has passed to expired, as the registry's
    system account. Idempotent. Returns the references expired and those that could not be."""
    run = agreements_expire_due()
    return {
        "expired": [agreement.reference for agreement in run.expired],
        "failed": [agreement.reference for agreement, _reason in run.failed],
    }


__all__ = ["expire_agreements", "render_version_pdfs", "send_transition_notifications"]
