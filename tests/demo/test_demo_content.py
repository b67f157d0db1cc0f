"""What the demo data contains: every state and type, owned obligations, real bodies, people who
changed jobs, dates that agree with each state, rows that pass validation, attributed history."""

import datetime
from collections import Counter

import pytest
from django.apps import apps
from django.db.models import Count
from django.utils import timezone

from agreements.models import (
    Agreement,
    AgreementRelation,
    GovernanceBody,
    Party,
    Responsibility,
)
from jurisdictions.models import Appointment, Jurisdiction, Organization, Person, Position

pytestmark = pytest.mark.django_db

# The demo's fixed dates keep agreements in force consistent (not yet expired) until this day.
IN_FORCE_UNTIL_AT_LEAST = datetime.date(2029, 12, 31)
SIGNED_STATES = {
    Agreement.State.IN_FORCE,
    Agreement.State.EXPIRED,
    Agreement.State.TERMINATED,
    Agreement.State.SUPERSEDED,
}
# The activity's agreement moved through the lifecycle services after its import.
MOVED_BY_THE_ACTIVITY = "CA-DIV-2025"
# The activity's agreements whose dates follow the day of the load, so they are always about to
# reach their notice date or expire (opendata/demo_data/activity/).
EXPIRING_WITH_THE_LOAD_DAY = {"SNB-2022-015", "SNB-2023-014"}
ENDED_STATES = {Agreement.State.EXPIRED, Agreement.State.TERMINATED, Agreement.State.SUPERSEDED}


def test_at_least_25_agreements_when_loaded(demo):
    assert Agreement.objects.count() >= 25


def test_every_lifecycle_state_present_when_loaded(demo):
    states = set(Agreement.objects.values_list("state", flat=True))
    assert states == set(Agreement.State.values)


def test_every_agreement_type_present_when_loaded(demo):
    types = set(Agreement.objects.values_list("agreement_type", flat=True))
    assert types == set(Agreement.Type.values)


def test_restricted_agreements_present_when_loaded(demo):
    restricted = Agreement.objects.filter(visibility=Agreement.Visibility.RESTRICTED)
    assert restricted.count() >= 3
    assert restricted.filter(state=Agreement.State.IN_FORCE).exists()


def test_every_relation_kind_present_when_loaded(demo):
    kinds = set(AgreementRelation.objects.values_list("kind", flat=True))
    assert kinds == set(AgreementRelation.Kind.values)


def test_three_to_fifteen_responsibilities_when_any_agreement_loaded(demo):
    counts = dict(
        Agreement.objects.annotate(n=Count("responsibilities")).values_list("reference", "n")
    )
    assert {ref: n for ref, n in counts.items() if not 3 <= n <= 15} == {}


def test_every_responsibility_owned_when_loaded(demo):
    assert Responsibility.objects.count() > 0
    assert not Responsibility.objects.filter(accountability_owner__isnull=True).exists()


def test_owner_within_responsible_party_lineage_when_loaded(demo):
    outside = [
        str(r)
        for r in Responsibility.objects.select_related(
            "accountability_owner", "responsible_party__organization"
        )
        if r.accountability_owner.organization_id
        not in r.responsible_party.organization.lineage_ids()
    ]
    assert outside == []


def test_every_responsibility_kind_present_when_loaded(demo):
    kinds = set(Responsibility.objects.values_list("kind", flat=True))
    assert kinds == set(Responsibility.Kind.values)


@pytest.mark.parametrize(
    ("slug", "iso_code"),
    [
        ("canada", "CA"),
        ("new-brunswick", "CA-NB"),
        ("british-columbia", "CA-BC"),
        ("nova-scotia", "CA-NS"),
        ("australia", "AU"),
        ("belgium", "BE"),
        ("denmark", "DK"),
        ("united-kingdom", "GB"),
    ],
)
def test_named_jurisdiction_present_when_loaded(demo, slug, iso_code):
    assert Jurisdiction.objects.get(slug=slug).iso_code == iso_code


@pytest.mark.parametrize(
    ("name_en", "jurisdiction"),
    [
        ("Service Canada", "canada"),
        ("Employment and Social Development Canada", "canada"),
        ("Service New Brunswick", "new-brunswick"),
        ("Service BC", "british-columbia"),
        ("Service Nova Scotia", "nova-scotia"),
        ("Department of Municipal Affairs", "nova-scotia"),
        ("Municipal Relations Division", "nova-scotia"),
        ("Services Australia", "australia"),
        ("Centrelink", "australia"),
        ("Crossroads Bank for Social Security", "belgium"),
        ("Local Government Denmark (KL)", "denmark"),
        ("Department for Work and Pensions", "united-kingdom"),
    ],
)
def test_named_body_present_when_loaded(demo, name_en, jurisdiction):
    assert Organization.objects.filter(name_en=name_en, jurisdiction__slug=jurisdiction).exists()


def test_crossroads_bank_named_in_french_when_loaded(demo):
    bank = Organization.objects.get(slug="crossroads-bank-social-security")
    assert bank.name_fr == "Banque Carrefour de la Sécurité Sociale"


def test_new_brunswick_has_three_departments_when_loaded(demo):
    departments = Organization.objects.filter(
        jurisdiction__slug="new-brunswick", kind=Organization.Kind.MINISTRY
    )
    assert departments.count() >= 3


def test_sub_national_governments_present_when_loaded(demo):
    for country in ("australia", "belgium", "denmark"):
        assert Jurisdiction.objects.filter(parent__slug=country).count() >= 3, country


def test_five_canadian_municipalities_when_loaded(demo):
    municipalities = Jurisdiction.objects.filter(
        level=Jurisdiction.Level.MUNICIPAL, parent__parent__slug="canada"
    )
    assert municipalities.count() >= 5
    assert not municipalities.filter(ocd_division_id__isnull=True).exists()


def test_appointments_change_over_time_when_loaded(demo):
    today = timezone.localdate()
    changed_hands = [
        position
        for position in Position.objects.filter(single_holder=True)
        if position.appointments.filter(end_date__lt=today).exists()
        and Appointment.objects.current_on(today).filter(position=position).exists()
    ]
    assert len(changed_hands) >= 5


def test_successor_accountable_when_position_changed_hands(demo):
    ceo = Position.objects.get(
        organization__slug="service-new-brunswick", title_en="President and Chief Executive Officer"
    )
    assert [str(p) for p in ceo.holders_on(datetime.date(2019, 6, 1))] == ["Marie-Claude Thériault"]
    assert [str(p) for p in ceo.holders_on(datetime.date(2021, 9, 1))] == ["Pierre Cormier"]
    assert [str(p) for p in ceo.holders_on(datetime.date(2023, 1, 1))] == ["Daniel Arsenault"]


def test_bilingual_text_present_when_loaded(demo):
    assert not Agreement.objects.filter(title_fr="").exists()
    assert not Agreement.objects.filter(summary_fr="").exists()
    assert not Responsibility.objects.filter(text_fr="").exists()
    assert not Organization.objects.filter(name_fr="").exists()
    assert not Position.objects.filter(title_fr="").exists()
    assert not Jurisdiction.objects.filter(name_fr="").exists()


def test_every_summary_says_content_is_illustrative_when_loaded(demo):
    for agreement in Agreement.objects.all():
        assert "illustrative" in agreement.summary_en.lower(), agreement.reference
        assert "illustratif" in agreement.summary_fr.lower(), agreement.reference


def test_governance_bodies_span_organisations_when_loaded(demo):
    for body in GovernanceBody.objects.prefetch_related("members"):
        organisations = {member.organization_id for member in body.members.all()}
        assert len(organisations) >= 2, body.name_en
        assert body.chair in body.members.all(), body.name_en


def test_every_signing_party_has_a_signatory_when_loaded(demo):
    unsigned = Party.objects.exclude(role=Party.Role.OBSERVER).filter(
        signatory_position__isnull=True
    )
    assert list(unsigned) == []


def test_signatures_match_state_when_loaded(demo):
    for agreement in Agreement.objects.prefetch_related("parties", "versions"):
        signing = [party for party in agreement.parties.all() if party.signs]
        if agreement.in_force_for_signatories_only:
            # In force for the parties that signed (the activity's CA-DIV-2025): at least two.
            assert len([p for p in signing if p.signed_date]) >= 2, agreement.reference
            continue
        if agreement.state in SIGNED_STATES:
            assert all(party.signed_date for party in signing), agreement.reference
            # The agreement was signed when the last of its original parties signed; parties
            # that joined through an amendment signed later, with the amendment.
            original = agreement.versions.get(number=1).snapshot["parties"]
            first_signers = {party["organization"]["id"] for party in original}
            last = max(p.signed_date for p in signing if p.organization_id in first_signers)
            assert agreement.signed_date == last, agreement.reference
        else:
            assert agreement.signed_date is None, agreement.reference
            assert not any(party.signed_date for party in signing), agreement.reference


def test_dates_match_state_when_loaded(demo):
    today = timezone.localdate()
    for agreement in Agreement.objects.all():
        ref, state = agreement.reference, agreement.state
        if state in SIGNED_STATES:
            assert agreement.effective_date <= today, ref
        if state == Agreement.State.IN_FORCE:
            assert agreement.ended_on is None, ref
            expiry = agreement.expiry_date
            if ref in EXPIRING_WITH_THE_LOAD_DAY:
                assert expiry > today, ref
            else:
                assert expiry is None or expiry > IN_FORCE_UNTIL_AT_LEAST, ref
        if state in ENDED_STATES:
            assert agreement.ended_on < today and agreement.end_reason, ref
            assert agreement.expiry_date is None or agreement.ended_on <= agreement.expiry_date
        if state == Agreement.State.EXPIRED:
            assert agreement.ended_on == agreement.expiry_date, ref


def test_superseded_agreement_has_successor_when_loaded(demo):
    superseded = list(Agreement.objects.filter(state=Agreement.State.SUPERSEDED))
    assert superseded
    for agreement in superseded:
        successor = agreement.inbound_relations.get(kind=AgreementRelation.Kind.SUPERSEDES).source
        assert successor.state == Agreement.State.IN_FORCE
        assert successor.effective_date == agreement.ended_on + datetime.timedelta(days=1)


def test_ended_agreement_obligations_completed_when_loaded(demo):
    open_obligations = Responsibility.objects.filter(
        agreement__state__in=ENDED_STATES, status=Responsibility.Status.ACTIVE
    )
    assert list(open_obligations) == []


def test_people_have_unique_names_when_loaded(demo):
    names = Counter(Person.objects.values_list("given_name", "family_name"))
    assert [name for name, n in names.items() if n > 1] == []


@pytest.mark.parametrize(
    "model",
    [
        Jurisdiction,
        Organization,
        Person,
        Position,
        Appointment,
        GovernanceBody,
        Agreement,
        Party,
        Responsibility,
        AgreementRelation,
    ],
    ids=lambda model: model.__name__,
)
def test_every_row_passes_validation_when_loaded(demo, model):
    rows = list(model._default_manager.all())
    assert rows
    for row in rows:
        row.full_clean()


def test_history_attributed_to_loading_user_when_loaded(demo):
    historical = [
        model
        for model in apps.get_models()
        if model._meta.app_label in {"jurisdictions", "agreements"}
        and any(f.name == "history_user" for f in model._meta.fields)
    ]
    written = {model.__name__: model.objects.count() for model in historical}
    assert written["HistoricalAgreement"] > 0 and written["HistoricalAppointment"] > 0
    strangers = {
        model.__name__: model.objects.exclude(history_user=demo.user).count()
        for model in historical
    }
    # Reports are submitted and decided by the demo's liaison officer and minister's office.
    assert {name: n for name, n in strangers.items() if n} == {"HistoricalReport": 5}
    assert set(
        apps.get_model("agreements", "HistoricalReport").objects.values_list(
            "history_user__username", flat=True
        )
    ) == {"snb-liaison", "snb-minister"}


def test_history_reason_names_the_demo_load_when_loaded(demo):
    imported = Agreement.history.exclude(reference=MOVED_BY_THE_ACTIVITY)
    reasons = set(imported.values_list("history_change_reason", flat=True))
    assert reasons == {"Demo data (loaddemo)"}


def test_history_reason_names_each_move_when_the_activity_moved_an_agreement(demo):
    moved = Agreement.history.filter(reference=MOVED_BY_THE_ACTIVITY).order_by("history_id")
    assert list(moved.values_list("history_change_reason", flat=True)) == [
        "Demo data (loaddemo)",
        "in force for the parties that signed",
        "Submit for review",
        "Approved by each government; Service Nova Scotia and Service BC will sign once their "
        "own authorities are in place.",
        "In force for Service Canada and Service New Brunswick, which signed.",
    ]


@pytest.mark.django_db
def test_division_ids_follow_official_list_when_demo_loaded(demo):
    """opencivicdata/ocd-division-ids lists the UK's nations as parts (identifiers/country-gb/
    parts.csv) and the Capital Region of Denmark's area as region:hovedstaden
    (identifiers/country-dk.csv); there is no country:gb-eng."""
    ids = dict(
        Jurisdiction.objects.filter(
            slug__in=["england", "scotland", "capital-region-of-denmark", "united-kingdom"]
        ).values_list("slug", "ocd_division_id")
    )
    assert ids == {
        "england": "ocd-division/country:gb/part:eng",
        "scotland": "ocd-division/country:gb/part:sct",
        "capital-region-of-denmark": "ocd-division/country:dk/region:hovedstaden",
        "united-kingdom": "ocd-division/country:gb",
    }
    assert not Jurisdiction.objects.filter(ocd_division_id__contains="country:gb-").exists()
