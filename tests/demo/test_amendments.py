"""The demo's amendments: defined as data, signed through the amendment services, so the amended
agreement has versions 1 to 3 with what each changed, and its working copy is what was last
signed."""

from collections import defaultdict

import pytest
from django.utils import timezone

from agreements.changes import has_changes, summarise_changes
from agreements.models import Agreement, AgreementVersion, Amendment
from agreements.snapshots import build_snapshot, load_agreement
from opendata.demo import demo_rows

DEMO = demo_rows()
AGREEMENTS, AMENDMENTS = DEMO.agreements, DEMO.amendments

AMENDED = "SNB-2019-001"
LIFECYCLE = [
    ("", "draft"),
    ("draft", "negotiation"),
    ("negotiation", "review"),
    ("review", "approved"),
    ("approved", "signed"),
]


def _clauses(items: list[dict]) -> list[str]:
    return [item["clause"] for item in items]


def test_amendments_numbered_in_order_from_one_when_defined():
    numbers = defaultdict(list)
    for amendment in AMENDMENTS:
        numbers[amendment.agreement].append(amendment.number)
    assert {ref: n for ref, n in numbers.items() if n != list(range(1, len(n) + 1))} == {}


def test_amendments_take_effect_between_original_and_today_when_defined():
    agreements = {agreement.reference: agreement for agreement in AGREEMENTS}
    previous = {}
    for amendment in AMENDMENTS:
        agreement = agreements[amendment.agreement]
        after = previous.get(amendment.agreement, agreement.effective)
        assert agreement.state == Agreement.State.IN_FORCE, amendment.agreement
        assert after < amendment.effective <= timezone.localdate(), amendment.agreement
        assert amendment.signed <= amendment.effective, amendment.agreement
        previous[amendment.agreement] = amendment.effective


@pytest.mark.django_db
def test_versions_one_to_three_when_amended_agreement_loaded(demo):
    versions = AgreementVersion.objects.filter(agreement__reference=AMENDED).order_by("number")
    wanted = [(None, None)] + [
        (a.number, a.effective) for a in AMENDMENTS if a.agreement == AMENDED
    ]

    assert [v.number for v in versions] == [1, 2, 3]
    assert [v.kind for v in versions] == ["original", "amendment", "amendment"]
    assert [
        (v.amendment.number, v.effective_date) if v.amendment else (None, None) for v in versions
    ] == wanted


@pytest.mark.django_db
def test_change_summaries_name_each_edit_when_amended_agreement_loaded(demo):
    versions = {
        v.number: v.change_summary
        for v in AgreementVersion.objects.filter(agreement__reference=AMENDED)
    }
    first, second = versions[2], versions[3]

    assert has_changes(first) and has_changes(second)
    assert _clauses(first["responsibilities_added"]) == ["3.4"]
    assert _clauses(first["responsibilities_reworded"]) == ["5.1"]
    assert [(c["clause"], c["after"]["title"]["en"]) for c in first["owners_changed"]] == [
        ("3.3", "Vice-President, Service Delivery")
    ]
    assert [p["name"]["en"] for p in second["parties_joined"]] == [
        "Department of Social Development"
    ]
    assert _clauses(second["responsibilities_added"]) == ["4.4"]
    assert _clauses(second["responsibilities_reworded"]) == ["4.1"]
    assert not has_changes(versions[1])


@pytest.mark.django_db
def test_every_amendment_moved_through_lifecycle_when_loaded(demo):
    amendments = Amendment.objects.filter(agreement__reference=AMENDED)

    assert [a.state for a in amendments] == [Amendment.State.SIGNED] * 2
    for amendment in amendments:
        moves = amendment.transitions.order_by("at", "pk").values_list("from_state", "to_state")
        assert list(moves) == LIFECYCLE, amendment.number
        assert amendment.transitions.get(to_state="signed").effective_date == (
            amendment.effective_date
        )


@pytest.mark.django_db
def test_working_copy_equals_latest_version_when_amended_agreement_loaded(demo):
    agreement = Agreement.objects.get(reference=AMENDED)
    latest = agreement.versions.latest()

    working = build_snapshot(load_agreement(agreement.pk), effective_date=latest.effective_date)

    assert latest.number == 3
    assert not has_changes(summarise_changes(latest.snapshot, working))


@pytest.mark.django_db
def test_joining_party_signed_with_amendment_when_loaded(demo):
    amendment = Amendment.objects.get(agreement__reference=AMENDED, number=2)
    party = amendment.agreement.parties.get(organization__slug="nb-social-development")

    assert party.signed_date == amendment.signed_date
    assert party.signatory_position.organization == party.organization


@pytest.mark.django_db
def test_new_clause_listed_after_the_clause_before_it_when_amended(demo):
    agreement = Agreement.objects.get(reference=AMENDED)

    clauses = list(agreement.responsibilities.values_list("clause", flat=True))

    assert clauses == ["3.1", "3.2", "3.3", "3.4", "4.1", "4.3", "4.4", "5.1", "6.1", "7.2", "8.1"]
