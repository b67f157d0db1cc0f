"""Snapshots made in memory, in the shape `agreements.snapshots.build_snapshot` produces (a test
in test_snapshot_shape.py holds the two together), so big documents render without creating
hundreds of rows."""

import copy
import datetime

from agreements.documents import AgreementDocument, HistoryEntry

EFFECTIVE = datetime.date(2021, 4, 1)


def texts(en: str, fr: str = "") -> dict[str, str]:
    return {"en": en, "fr": fr}


def choice(code: str, en: str, fr: str) -> dict:
    return {"code": code, "label": {"en": en, "fr": fr}}


def jurisdiction(pk: int, en: str, fr: str, level=("provincial", "Provincial", "Provincial")):
    return {
        "id": pk,
        "slug": f"jurisdiction-{pk}",
        "name": texts(en, fr),
        "level": choice(*level),
        "iso_code": None,
        "ocd_division_id": None,
    }


def organization(pk: int, en: str, fr: str, acronym: str = "", *, where: dict) -> dict:
    return {
        "id": pk,
        "slug": f"organization-{pk}",
        "name": texts(en, fr),
        "acronym": texts(acronym, acronym),
        "kind": choice("ministry", "Ministry / department", "Ministère"),
        "jurisdiction": where,
        "owners": [],
    }


def position(pk: int, en: str, fr: str, org: dict, holders: list[str], day=EFFECTIVE) -> dict:
    return {
        "id": pk,
        "title": texts(en, fr),
        "organization": {"id": org["id"], "name": org["name"], "acronym": org["acronym"]},
        "holders_on": day.isoformat(),
        "holders": [
            {
                "person_id": pk * 100 + index,
                "name": name,
                "honorific": "",
                "given_name": name.split(" ")[0],
                "family_name": name.split(" ")[-1],
                "acting": False,
                "start_date": "2015-01-01",
                "end_date": None,
            }
            for index, name in enumerate(holders)
        ],
    }


NB = jurisdiction(1, "Province of New Brunswick", "Province du Nouveau-Brunswick")
WOLASTOQEY = jurisdiction(
    2,
    "Wolastoqey Nation in New Brunswick",
    "Nation Wolastoqey au Nouveau-Brunswick",
    ("indigenous", "Indigenous government", "Gouvernement autochtone"),
)
SQUAMISH = jurisdiction(
    3,
    "Sḵwx̱wú7mesh Úxwumixw (Squamish Nation)",
    "Sḵwx̱wú7mesh Úxwumixw (Nation Squamish)",
    ("indigenous", "Indigenous government", "Gouvernement autochtone"),
)
SNB = organization(10, "Service New Brunswick", "Services Nouveau-Brunswick", "SNB", where=NB)
HEALTH = organization(11, "Department of Health", "Ministère de la Santé", where=NB)
MIKMAQ = organization(12, "Mi'kmaq Confederacy", "Confédération des Mi'kmaq", where=WOLASTOQEY)
NISGAA = organization(
    13, "Nisga'a Lisims Government", "Gouvernement Nisga'a Lisims", where=SQUAMISH
)
ORGANIZATIONS = (SNB, HEALTH, MIKMAQ, NISGAA)

SIGNATORIES = {
    SNB["id"]: position(
        20, "President and CEO", "Président-directeur général", SNB, ["Chloé Thériault"]
    ),
    HEALTH["id"]: position(
        21, "Minister of Health", "Ministre de la Santé", HEALTH, ["Hon. Réjean Côté"]
    ),
    MIKMAQ["id"]: position(22, "Chief", "Chef", MIKMAQ, ["Sḵwx̱wú7mesh Lena Paul"]),
    NISGAA["id"]: position(23, "President", "Président", NISGAA, ["Eva Clayton"]),
}


def owner(index: int) -> dict:
    org = ORGANIZATIONS[index % len(ORGANIZATIONS)]
    return position(
        1000 + index,
        f"Accountable Director {index}",
        f"Directeur responsable {index}",
        org,
        [f"Holder Person{index}"],
    )


def responsibility(index: int, *, text_en: str | None = None, text_fr: str | None = None) -> dict:
    org = ORGANIZATIONS[index % len(ORGANIZATIONS)]
    recurring = index % 3 == 0
    return {
        "id": 5000 + index,
        "clause": f"{index // 10 + 1}.{index % 10 + 1}",
        "text": texts(
            text_en if text_en is not None else f"Obligation number {index}: deliver the service.",
            text_fr
            if text_fr is not None
            else f"Obligation numéro {index} : offrir le service à l’été.",
        ),
        "kind": choice("service_delivery", "Service delivery", "Prestation de services"),
        "status": choice("active", "Active", "Active"),
        "due_date": None if recurring else "2022-03-31",
        "recurrence": choice("quarterly", "Quarterly", "Trimestrielle")
        if recurring
        else choice("none", "Once, on the due date", "Une fois, à l’échéance"),
        "recurrence_anchor": "2021-06-30" if recurring else None,
        "service_standard": texts(f"Standard {index}: 90% in 10 days", f"Norme {index} : 90 %"),
        "responsible_party": {
            "party_id": 300 + org["id"],
            "organization_id": org["id"],
            "name": org["name"],
            "acronym": org["acronym"],
        },
        "owner": owner(index),
        "sort_order": index,
    }


def snapshot(
    *, responsibilities: int = 3, number: int = 1, reference: str = "SNB-2021-004", **agreement
) -> dict:
    parties = [
        {
            "id": 300 + org["id"],
            "role": choice("lead", "Lead party", "Partie principale")
            if index == 0
            else choice("party", "Party", "Partie"),
            "signs": True,
            "organization": org,
            "signatory": SIGNATORIES[org["id"]],
            "signed_date": "2021-03-15",
            "signatures": [{"signatory": SIGNATORIES[org["id"]], "signed_date": "2021-03-15"}],
            "sort_order": index,
        }
        for index, org in enumerate(ORGANIZATIONS)
    ]
    body_member = position(
        40, "Co-chair, Joint Committee", "Coprésident, comité mixte", SNB, ["Marie Léger"]
    )
    data = {
        "schema": 1,
        "version": {
            "number": number,
            "kind": "original" if number == 1 else "amendment",
            "effective_date": EFFECTIVE.isoformat(),
            "amendment": None
            if number == 1
            else {
                "id": 70,
                "number": number - 1,
                "title": texts("Extends service hours", "Prolonge les heures de service"),
                "purpose": texts("", ""),
                "signed_date": "2021-03-01",
            },
        },
        "agreement": {
            "id": 1,
            "reference": reference,
            "title": texts(
                "Medicare card services through Service New Brunswick",
                "Services de carte d’assurance-maladie par Services Nouveau-Brunswick",
            ),
            "summary": texts(
                "Service New Brunswick issues Medicare cards at its service centres.",
                "Services Nouveau-Brunswick délivre les cartes d’assurance-maladie.",
            ),
            "type": choice(
                "service_delivery",
                "Service delivery agreement",
                "Entente de prestation de services",
            ),
            "visibility": choice("public", "Public", "Publique"),
            "signed_date": "2021-03-15",
            "effective_date": EFFECTIVE.isoformat(),
            "expiry_date": "2031-03-31",
            "next_review_date": "2024-04-01",
            "notice_period_days": 90,
            "in_force_for_signatories_only": False,
            "renewal_terms": texts("Renews for three years unless notice is given.", ""),
            "service_areas": [{"slug": "health", "name": texts("Health", "Santé")}],
            "delivery_channels": [
                {"slug": "in-person", "name": texts("In person", "En personne")},
                {"slug": "online", "name": texts("Online", "En ligne")},
            ],
            "governing_body": {
                "id": 50,
                "name": texts(
                    "SNB–Health Joint Management Committee", "Comité de gestion mixte SNB–Santé"
                ),
                "mandate": texts("Oversees delivery.", "Surveille la prestation."),
                "meeting_frequency": "Quarterly",
                "chair": SIGNATORIES[SNB["id"]],
                "members": [body_member, SIGNATORIES[HEALTH["id"]]],
            },
            "relations": [],
        },
        "parties": parties,
        "responsibilities": [responsibility(index) for index in range(responsibilities)],
        "financial_commitments": [],
    }
    data["agreement"].update(agreement)
    # A copy: tests change the snapshot in place, and the organisations and positions above are
    # shared by every snapshot (a change must not reach the next test).
    return copy.deepcopy(data)


def document(
    data: dict | None = None, *, history: tuple[HistoryEntry, ...] | None = None, **kwargs
):
    data = copy.deepcopy(data) if data is not None else snapshot(**kwargs)
    if history is None:
        history = (
            HistoryEntry(
                number=data["version"]["number"],
                kind=data["version"]["kind"],
                effective_date=data["version"]["effective_date"],
                amendment=data["version"]["amendment"],
                change_summary={},
            ),
        )
    return AgreementDocument(snapshot=data, history=history)
