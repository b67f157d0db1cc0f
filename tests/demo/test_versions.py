"""Every demo agreement that was signed has its signed record: version 1 effective on its
effective date, a snapshot naming who held each position then, published only when public, and
its PDFs rendered once the load commits."""

import pytest

from agreements.models import Agreement, AgreementVersion
from agreements.services import pdfs

from .test_demo_content import SIGNED_STATES

pytestmark = pytest.mark.django_db


def _holders(position: dict) -> list[str]:
    return [holder["name"] for holder in position["holders"]]


def test_original_version_effective_on_effective_date_when_signed_agreement_loaded(demo):
    signed = Agreement.objects.filter(state__in=SIGNED_STATES)
    originals = AgreementVersion.objects.filter(number=1).select_related("agreement")

    assert signed.count() >= 20
    assert {
        version.agreement.reference: (version.kind, version.effective_date) for version in originals
    } == {
        agreement.reference: (AgreementVersion.Kind.ORIGINAL, agreement.effective_date)
        for agreement in signed
    }


def test_no_version_when_agreement_never_signed_loaded(demo):
    unsigned = Agreement.objects.exclude(state__in=SIGNED_STATES)

    assert unsigned.exists()
    assert not AgreementVersion.objects.filter(agreement__in=unsigned).exists()


def test_every_version_verifies_when_loaded(demo):
    assert [str(v) for v in AgreementVersion.objects.all() if not v.verify()] == []


def test_published_version_exists_when_public_agreement_in_force_loaded(demo):
    public_in_force = Agreement.objects.public().filter(state=Agreement.State.IN_FORCE)
    published = set(AgreementVersion.objects.published().values_list("agreement_id", flat=True))

    assert public_in_force.count() >= 10
    assert set(public_in_force.values_list("pk", flat=True)) <= published


def test_restricted_agreement_versioned_but_not_published_when_loaded(demo):
    restricted = Agreement.objects.filter(
        visibility=Agreement.Visibility.RESTRICTED, state__in=SIGNED_STATES
    )

    assert restricted.count() >= 3
    assert AgreementVersion.objects.filter(agreement__in=restricted).count() == restricted.count()
    assert not AgreementVersion.objects.published().filter(agreement__in=restricted).exists()
    assert not Agreement.objects.published().filter(pk__in=restricted).exists()


def test_every_position_held_in_snapshot_when_version_loaded(demo):
    vacant = []
    for version in AgreementVersion.objects.select_related("agreement"):
        for item in version.snapshot["responsibilities"]:
            if not item["owner"]["holders"]:
                vacant.append((str(version), item["clause"]))
        for party in version.snapshot["parties"]:
            if party["signs"] and not party["signatory"]["holders"]:
                vacant.append((str(version), party["organization"]["slug"]))
    assert vacant == []


def test_holder_on_effective_date_named_when_position_changed_hands(demo):
    # The Director, Medicare Eligibility and Registration changed on 1 April 2020, between the
    # original (2019) and amendment 1 (2021); the CEO who signed in 2019 left in 2021.
    versions = AgreementVersion.objects.filter(agreement__reference="SNB-2019-001")
    owners = {
        version.number: _holders(
            next(i for i in version.snapshot["responsibilities"] if i["clause"] == "4.1")["owner"]
        )
        for version in versions
    }
    parties = versions.get(number=3).snapshot["parties"]
    snb = next(p for p in parties if p["organization"]["slug"] == "service-new-brunswick")

    assert owners == {1: ["Renée Daigle"], 2: ["Amira Saleh"], 3: ["Amira Saleh"]}
    assert (snb["signed_date"], _holders(snb["signatory"])) == (
        "2019-03-21",
        ["Marie-Claude Thériault"],
    )


def test_pdfs_rendered_for_every_new_version_when_load_commits(demo, monkeypatch):
    rendered = []
    # The tasks (agreements.services.pdfs.render_version_pdfs, render_versions_pdfs) call the
    # service by its name.
    monkeypatch.setattr(
        pdfs, "version_pdfs_render", lambda *, version_id: rendered.append(version_id)
    )

    for callback in demo.on_commit:
        callback()

    assert sorted(rendered) == sorted(AgreementVersion.objects.values_list("pk", flat=True))


def test_both_pdfs_stored_when_demo_version_rendered(demo):
    version = AgreementVersion.objects.get(agreement__reference="SNB-2019-001", number=3)

    hashes = pdfs.version_pdfs_render(version_id=version.pk)

    assert set(hashes) == {"en", "fr"}
    assert version.pdfs.count() == 2
