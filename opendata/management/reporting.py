"""What the import commands share: who the history rows are attributed to, and the table of what
an import created, updated and left as it was."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from agreements.permissions import is_registrar
from agreements.services.lifecycle import registry_system_user


def acting_registrar(username: str | None, *, unknown: str, not_a_registrar: str):
    """The registrar called `username`, or the registry's system account when none is given.
    Raises CommandError with the caller's message otherwise."""
    if username is None:
        return registry_system_user()
    user_model = get_user_model()
    try:
        user = user_model.objects.get_by_natural_key(username)
    except user_model.DoesNotExist:
        raise CommandError(unknown.format(username=username)) from None
    if not is_registrar(user):
        raise CommandError(not_a_registrar.format(username=username))
    return user


def write_report(command: BaseCommand, report, *, present: str) -> None:
    """One row per kind of row (created, updated, `present`), the total, then the warnings."""
    width = len(present) + 2
    command.stdout.write(f"{'':<28}{'created':>9}{'updated':>9}{present:>{width}}")
    for label, tally in report.rows():
        command.stdout.write(
            f"{label:<28}{tally.created:>9}{tally.updated:>9}{tally.present:>{width}}"
        )
    command.stdout.write(
        command.style.SUCCESS(
            f"{'total':<28}{report.created:>9}{report.updated:>9}{report.present:>{width}}"
        )
    )
    for warning in report.warnings:
        command.stdout.write(command.style.WARNING(warning))
