"""The signature page prints each version's own signatures: a block per signatory (a party may
sign through several offices), "signed by N of M parties", and, for an agreement in force for
the parties that signed, which parties those are. Versions recorded before signatures had their
own key keep their one block per party."""

import copy
import datetime
import re

import pytest

from agreements.pdf import render_agreement_pdf
from tests.factories import (
    AppointmentFactory,
    PersonFactory,
    PositionFactory,
    SignatoryFactory,
    agreement_into_force,
    agreement_ready,
    amendment_signed,
)
from tests.pdf import builders
from tests.pdf.conftest import pdf_text

D = datetime.date


# The section's numbered heading, the same word in both languages.
SECTION = re.compile(r"^\d+\. Signatures$", re.M)


def _signature_page(data: dict, language: str = "en") -> list[str]:
    """The lines of the signatures section, from the page where it starts to the end (it
    runs onto a further page when the blocks do not fit)."""
    pages = pdf_text(render_agreement_pdf(builders.document(data), language))
    start = max(i for i, page in enumerate(pages) if SECTION.search(page))
    return "\n".join(pages[start:]).splitlines()


def _flat(lines: list[str]) -> str:
    return " ".join(" ".join(lines).split())


def test_party_with_two_signatories_gets_two_blocks_when_rendered():
    data = builders.snapshot()
    environment = builders.position(
        24, "Minister of Environment", "Ministre de l’Environnement", builders.HEALTH, ["Jeff Carr"]
    )
    data["parties"][1]["signatures"].append({"signatory": environment, "signed_date": "2021-03-16"})
    lines = _signature_page(data)
    assert lines.count("For Department of Health") == 2
    assert "Jeff Carr" in lines
    assert "Minister of Environment" in lines
    assert "16 March 2021" in lines
    assert lines.count("Signature") == 5
    assert "Signed by 4 of 4 parties." in _flat(lines)


def test_count_and_parties_in_force_for_are_printed_when_a_party_has_not_signed():
    data = builders.snapshot()
    data["agreement"]["in_force_for_signatories_only"] = True
    data["parties"][3]["signed_date"] = None
    data["parties"][3]["signatures"] = []
    english, french = _flat(_signature_page(data)), _flat(_signature_page(data, "fr"))
    assert "Signed by 3 of 4 parties." in english
    assert (
        "In force for the parties that signed: Service New Brunswick (SNB); Department of "
        "Health; Mi'kmaq Confederacy." in english
    )
    assert "Signée par 3 des 4 parties." in french
    assert "En vigueur pour les parties signataires :" in french
    # The party that has not signed keeps its block, with the date left blank.
    assert "For Nisga'a Lisims Government" in _signature_page(data)
    assert _signature_page(data).count("15 March 2021") == 3


def test_old_version_keeps_its_one_block_per_party_when_it_has_no_signatures_key():
    data = builders.snapshot()
    old = copy.deepcopy(data)
    for party in old["parties"]:
        del party["signatures"]
    lines = _signature_page(old)
    assert lines.count("Signature") == 4
    assert "Signed by" not in _flat(lines)


@pytest.mark.django_db
def test_version_three_prints_its_own_signatories_when_amended(registrar):
    agreement = agreement_ready(parties=2, responsibilities=1)
    party = agreement.parties.order_by("sort_order").first()
    finance = PositionFactory(
        organization=party.organization, title_en="Minister of Finance", title_fr="Ministre"
    )
    for given, start, end in (
        ("Claire", D(2015, 1, 1), D(2022, 12, 31)),
        ("Marc", D(2023, 1, 1), None),
    ):
        AppointmentFactory(
            position=finance,
            person=PersonFactory(given_name=given, family_name="Arsenault"),
            start_date=start,
            end_date=end,
        )
    party.signatory_position = finance
    party.save()
    second = SignatoryFactory(party=party)
    agreement = agreement_into_force(agreement, by=registrar)

    def reword(text):
        def change(agreement):
            item = agreement.responsibilities.get()
            item.text_en, item.text_fr = text, f"{text} (fr)"
            item.save()

        return change

    amendment_signed(agreement, by=registrar, effective_date=D(2023, 7, 1), change=reword("A."))
    third = amendment_signed(
        agreement,
        by=registrar,
        effective_date=D(2024, 7, 1),
        signed_date=D(2024, 6, 3),
        change=reword("B."),
    )
    first = _flat(pdf_text(render_agreement_pdf(agreement.versions.get(number=1), "en"))[-1:])
    latest = _flat(pdf_text(render_agreement_pdf(third, "en"))[-1:])
    assert "Claire Arsenault" in first and "Marc Arsenault" not in first
    assert "Marc Arsenault" in latest and "Claire Arsenault" not in latest
    assert "3 June 2024" in latest
    assert second.position.title_en in latest
    assert "Signed by 2 of 2 parties." in latest
