"""`make_scale_data` writes a registry staff could work in: history, amended versions that verify,
and users who see exactly their organisations' agreements."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from agreements.models import Agreement, AgreementVersion, Party, Responsibility
from agreements.permissions import visible_agreements

pytestmark = pytest.mark.django_db


def test_history_versions_and_staff_permissions():
    out = StringIO()
    call_command(
        "make_scale_data",
        "--agreements",
        "30",
        "--amended-share",
        "1",
        "--staff-per-role",
        "1",
        stdout=out,
        stderr=StringIO(),
    )
    assert out.getvalue().startswith("Wrote 30 agreements (")

    assert Agreement.history.count() == Agreement.objects.count() == 30
    assert Party.history.count() == Party.objects.count() > 30
    assert Responsibility.history.count() == Responsibility.objects.count() > 30
    assert {row.history_user.username for row in Agreement.history.all()} == {"scale-data"}

    amended = AgreementVersion.objects.filter(number=2)
    assert amended.exists()
    assert all(
        v.effective_date > v.agreement.versions.get(number=1).effective_date for v in amended
    )
    assert all(version.verify() for version in AgreementVersion.objects.all())

    party = Party.objects.select_related("organization").order_by("pk").first()
    liaison = get_user_model().objects.get(username=f"scale-{party.organization.slug}-liaison-1")
    expected = set(
        Party.objects.filter(organization=party.organization).values_list("agreement_id", flat=True)
    )
    assert set(visible_agreements(liaison).values_list("pk", flat=True)) == expected


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--agreements", "0"], "--agreements must be at least 1."),
        (
            ["--agreements", "5", "--amended-share", "1.5"],
            "--amended-share must be between 0 and 1.",
        ),
        (["--agreements", "5", "--staff-per-role", "-1"], "--staff-per-role cannot be negative."),
    ],
)
def test_bad_arguments_write_nothing(arguments, message):
    with pytest.raises(CommandError, match=message.replace(".", r"\.")):
        call_command("make_scale_data", *arguments)
    assert Agreement.objects.count() == 0
