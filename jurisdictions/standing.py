"""A party's standing: what sort of body it is and whose, in one line, for pages and PDFs.

A government body reads as its government and order of government ("Commonwealth of Australia ·
Federal / national"). Bodies that are not a government's own say what they are instead: a
non-government organisation ("Non-government organisation"), a municipal association
("Municipal association · Province of Nova Scotia") and an intermunicipal body owned by several
municipalities ("Intermunicipal body owned by Moncton, Dieppe and Riverview").

`standing` reads an organisation in the shape agreement snapshots freeze it
(`agreements.snapshots`): `kind` and the jurisdiction's `level` as frozen choices
(`{"code", "label": {"en", "fr"}}`), names as `{"en", "fr"}`, and `owners` (a list of
jurisdictions with their names; absent from snapshots made before owners existed). Live
organisations are read through `organization_facts`, which builds that same shape. Pure: no
gettext, so a PDF made from a snapshot comes out the same whenever it is rendered (the words
that are not frozen choice labels are fixed here, in both languages).
"""

from typing import Any

from django.utils import translation

from jurisdictions.models import Jurisdiction, Organization
from registry.bilingual import active_language

LANGUAGES = ("en", "fr")
SEPARATOR = " · "
AND = {"en": " and ", "fr": " et "}
OWNED_BY = {"en": "{kind} owned by {owners}", "fr": "{kind} détenu par {owners}"}

NON_GOVERNMENT = "non_government"
MUNICIPAL_ASSOCIATION = "municipal_association"
INTERMUNICIPAL = "intermunicipal"
# Kinds whose standing is not "their government · its order of government".
OWN_STANDING_KINDS = frozenset({NON_GOVERNMENT, MUNICIPAL_ASSOCIATION, INTERMUNICIPAL})


def _text(texts: dict | None, language: str) -> str:
    """The text in `language`, or in the other language when it has none."""
    texts = texts or {}
    other = "fr" if language == "en" else "en"
    return texts.get(language) or texts.get(other) or ""


def _choice(choice: dict | None, language: str) -> str:
    if not choice:
        return ""
    return _text(choice.get("label"), language) or str(choice.get("code", ""))


def join_names(names: list[str], language: str) -> str:
    """ "Moncton, Dieppe and Riverview" / "Moncton, Dieppe et Riverview"."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + AND[language] + names[-1]


def has_own_standing(organization: dict | None) -> bool:
    """True for the bodies that are not a government's own (their standing is not read from
    their jurisdiction alone)."""
    kind = (organization or {}).get("kind") or {}
    return kind.get("code") in OWN_STANDING_KINDS


def standing(organization: dict | None, language: str) -> str:
    """The organisation's standing in `language` (see the module docstring)."""
    if not organization:
        return ""
    language = language if language in LANGUAGES else "en"
    kind = organization.get("kind") or {}
    code = kind.get("code")
    jurisdiction = organization.get("jurisdiction") or {}
    jurisdiction_name = _text(jurisdiction.get("name"), language)
    if code == NON_GOVERNMENT:
        return _choice(kind, language)
    if code == INTERMUNICIPAL:
        owners = [_text(owner.get("name"), language) for owner in organization.get("owners") or []]
        owners = [name for name in owners if name]
        if owners:
            return OWNED_BY[language].format(
                kind=_choice(kind, language), owners=join_names(owners, language)
            )
    if code in OWN_STANDING_KINDS:
        return SEPARATOR.join(part for part in (_choice(kind, language), jurisdiction_name) if part)
    level = _choice(jurisdiction.get("level"), language)
    return SEPARATOR.join(part for part in (jurisdiction_name, level) if part)


def _frozen_choice(choices, value: str) -> dict[str, Any]:
    labels = {}
    for language in LANGUAGES:
        with translation.override(language):
            labels[language] = str(choices(value).label) if value in choices.values else value
    return {"code": value, "label": labels}


def _names(obj) -> dict[str, str]:
    return {language: getattr(obj, f"name_{language}", "") or "" for language in LANGUAGES}


def owner_facts(jurisdiction) -> dict[str, Any]:
    """An owning jurisdiction as snapshots keep it."""
    return {"id": jurisdiction.pk, "slug": jurisdiction.slug, "name": _names(jurisdiction)}


def organization_facts(organization) -> dict[str, Any]:
    """A live organisation in the shape `standing` reads. The owners are read (one query, or a
    prefetch of `owners`) only for an intermunicipal body, the one kind whose standing names
    them."""
    jurisdiction = organization.jurisdiction
    owners = organization.owners.all() if organization.kind == INTERMUNICIPAL else []
    return {
        "kind": _frozen_choice(Organization.Kind, organization.kind),
        "jurisdiction": {
            "name": _names(jurisdiction),
            "level": _frozen_choice(Jurisdiction.Level, jurisdiction.level),
        },
        "owners": [owner_facts(owner) for owner in sorted(owners, key=lambda o: (o.name_en, o.pk))],
    }


def organization_standing(organization, language: str | None = None) -> str:
    """A live organisation's standing in `language` (the active language by default)."""
    return standing(organization_facts(organization), language or active_language())
