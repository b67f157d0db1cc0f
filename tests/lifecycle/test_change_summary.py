"""Change summaries computed from two snapshots."""

import datetime

import pytest

from agreements.changes import SUMMARY_KEYS, change_count, empty_summary, summarise_changes
from tests.factories import (
    AppointmentFactory,
    PositionFactory,
    agreement_into_force,
    amendment_signed,
)

pytestmark = pytest.mark.django_db


def test_original_version_has_empty_summary(registrar):
    version = agreement_into_force(by=registrar).versions.get()
    assert version.change_summary == empty_summary()


def test_chain_summaries_name_each_change(amendment_chain):
    v1, v2, v3 = amendment_chain.versions.order_by("number")
    first_item = v1.snapshot["responsibilities"][0]
    added = next(r for r in v2.snapshot["responsibilities"] if r["clause"] == "9.1")

    assert v2.change_summary["responsibilities_reworded"] == [
        {
            "id": first_item["id"],
            "clause": first_item["clause"],
            "before": first_item["text"],
            "after": {
                "en": "Deliver the service within five business days.",
                "fr": first_item["text"]["fr"],
            },
        }
    ]
    assert v2.change_summary["responsibilities_added"] == [
        {"id": added["id"], "clause": "9.1", "text": added["text"]}
    ]
    assert change_count(v2.change_summary) == 2

    removed = v2.snapshot["responsibilities"][2]
    joined = next(p for p in v3.snapshot["parties"] if p["role"]["code"] == "delivery_partner")
    summary = v3.change_summary
    assert summary["parties_joined"] == [
        {
            "organization_id": joined["organization"]["id"],
            "name": joined["organization"]["name"],
            "role": "delivery_partner",
        }
    ]
    assert [r["id"] for r in summary["responsibilities_removed"]] == [removed["id"]]
    assert [r["clause"] for r in summary["responsibilities_added"]] == ["10.1"]
    assert summary["dates_changed"] == [
        {"field": "expiry_date", "before": "2031-03-31", "after": "2033-03-31"}
    ]
    assert summary["parties_left"] == summary["owners_changed"] == summary["terms_changed"] == []


def test_owner_change_reported_with_both_positions(registrar):
    agreement = agreement_into_force(by=registrar)
    item = agreement.responsibilities.order_by("sort_order").first()
    before = item.accountability_owner

    def reassign(agreement):
        replacement = PositionFactory(
            organization=item.responsible_party.organization, title_en="Chief Operating Officer"
        )
        AppointmentFactory(position=replacement, start_date=datetime.date(2020, 1, 1))
        item.accountability_owner = replacement
        item.save()

    version = amendment_signed(
        agreement, by=registrar, effective_date=datetime.date(2022, 1, 1), change=reassign
    )
    (change,) = version.change_summary["owners_changed"]
    assert change["before"] == {
        "position_id": before.pk,
        "title": {"en": before.title_en, "fr": before.title_fr},
    }
    assert change["after"]["title"]["en"] == "Chief Operating Officer"
    # The owner is content; who holds the position is not, so nothing else changed.
    assert change_count(version.change_summary) == 1


def test_summary_ignores_position_holders_and_labels():
    def snapshot(holder, label):
        owner = {"id": 7, "title": {"en": "Director", "fr": ""}, "holders": [{"name": holder}]}
        return {
            "agreement": {
                "title": {"en": "A", "fr": ""},
                "type": {"code": "mou", "label": {"en": label}},
            },
            "parties": [],
            "responsibilities": [
                {"id": 1, "clause": "1", "text": {"en": "x", "fr": ""}, "owner": owner}
            ],
        }

    summary = summarise_changes(snapshot("Ana", "MOU"), snapshot("Ben", "Memorandum"))
    assert summary == empty_summary()


def test_summary_lists_other_responsibility_field_changes():
    def snapshot(due):
        item = {
            "id": 1,
            "clause": "4.2",
            "text": {"en": "x", "fr": ""},
            "owner": None,
            "due_date": due,
        }
        return {"agreement": {}, "parties": [], "responsibilities": [item]}

    summary = summarise_changes(snapshot("2024-06-30"), snapshot("2024-09-30"))
    assert summary["responsibilities_changed"] == [
        {
            "id": 1,
            "clause": "4.2",
            "changes": [{"field": "due_date", "before": "2024-06-30", "after": "2024-09-30"}],
        }
    ]
    assert set(summary) == set(SUMMARY_KEYS)
