"""The parity gate: English and French are published together.

Two rules, both plain functions of the agreement's working copy:

- **Publication** (entry into force, signing an amendment: both record a version) is refused
  while a bilingual field of the agreement or of one of its responsibilities is filled in one
  language and empty in the other, unless a registrar recorded why on the agreement (entry into
  force) or on the amendment (its signature): `parity_exemption_reason`. `published_in_both_languages`
  is the guard in agreements/lifecycle.py's tables; the message names every field.
- **Editing**: when a responsibility's text changed in one language and not in the other since
  the latest version (or, before the first version, is written in one language only), the
  agreement's edit view warns, naming the clause (`one_language_edits`). A warning, not a
  refusal: translations often follow the English a few days later.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agreements.models import Agreement, Responsibility

#: The bilingual fields (`<name>_en` / `<name>_fr`) published in a version.
AGREEMENT_FIELDS = ("title", "summary", "renewal_terms")
RESPONSIBILITY_FIELDS = ("text", "service_standard")
LANGUAGES = ("en", "fr")

LANGUAGE_NAMES = {
    "en": pgettext_lazy("inside a sentence", "English"),
    "fr": pgettext_lazy("inside a sentence", "French"),
}
FIELD_NAMES = {
    "title": _("title"),
    "summary": _("summary"),
    "renewal_terms": _("renewal terms"),
    "text": _("text"),
    "service_standard": _("service standard"),
}

PARITY_MISSING = _(
    "Content is filled in one language only, so this version cannot be published: {items}. "
    "Add the missing text, or a registrar records why on the lifecycle page."
)
AGREEMENT_FIELD_MISSING = _("agreement {field}: {language} missing")
CLAUSE_FIELD_MISSING = _("clause {clause} {field}: {language} missing")
ONE_LANGUAGE_EDIT = _(
    "Clause {clause}: the {field} changed in {changed} but not in {unchanged}. Update both "
    "languages before the version is published."
)


@dataclass(frozen=True)
class MissingLanguage:
    """One bilingual field filled in one language only. `clause` is None for the agreement's
    own fields."""

    field: str
    language: str
    clause: str | None = None

    def __str__(self) -> str:
        values = {
            "field": FIELD_NAMES[self.field],
            "language": LANGUAGE_NAMES[self.language],
        }
        if self.clause is None:
            return AGREEMENT_FIELD_MISSING.format(**values)
        return CLAUSE_FIELD_MISSING.format(clause=self.clause, **values)


def clause_label(item: Responsibility) -> str:
    return item.clause or f"#{item.pk}"


def _missing(obj, fields: tuple[str, ...]) -> list[tuple[str, str]]:
    """(field, missing language) for each of `fields` filled in one language only."""
    found = []
    for name in fields:
        texts = {code: (getattr(obj, f"{name}_{code}", "") or "").strip() for code in LANGUAGES}
        filled = [code for code in LANGUAGES if texts[code]]
        if len(filled) == 1:
            found.append((name, next(code for code in LANGUAGES if code not in filled)))
    return found


def missing_languages(
    agreement: Agreement, responsibilities: Iterable[Responsibility] | None = None
) -> list[MissingLanguage]:
    """Every bilingual field of `agreement` and its responsibilities (read in clause order
    unless given) that is filled in one language and empty in the other."""
    found = [MissingLanguage(name, code) for name, code in _missing(agreement, AGREEMENT_FIELDS)]
    if responsibilities is None:
        responsibilities = agreement.responsibilities.order_by("sort_order", "pk")
    for item in responsibilities:
        found.extend(
            MissingLanguage(name, code, clause_label(item))
            for name, code in _missing(item, RESPONSIBILITY_FIELDS)
        )
    return found


def exemption_reason(agreement: Agreement, amendment=None) -> str:
    """The registrar's recorded reason that applies to the next publication: the amendment's
    while one is being signed, otherwise the agreement's."""
    source = amendment if amendment is not None else agreement
    return (source.parity_exemption_reason or "").strip()


def published_in_both_languages(agreement: Agreement, facts) -> list[str]:
    """Lifecycle guard (entry into force, amendment signature): no field in one language only,
    unless a registrar recorded why for this publication."""
    if exemption_reason(agreement, facts.amendment):
        return []
    missing = missing_languages(agreement)
    if not missing:
        return []
    return [PARITY_MISSING.format(items="; ".join(str(item) for item in missing))]


def latest_snapshot(agreement: Agreement) -> dict | None:
    """The snapshot the working copy is compared with: the latest version's, or None before
    the first one (only an agreement in force, or ended, has versions)."""
    if agreement.state == Agreement.State.DRAFT or agreement.pk is None:
        return None
    version = agreement.versions.order_by("-number").only("snapshot").first()
    return version.snapshot if version is not None else None


def one_language_edits(
    responsibilities: Iterable[Responsibility], snapshot: dict | None
) -> list[str]:
    """A warning per responsibility field whose text changed in exactly one language since
    `snapshot` (a version's). A responsibility the snapshot does not hold (a new one, or any
    before the first version) is compared with empty texts: written in one language only."""
    previous = {}
    for row in (snapshot or {}).get("responsibilities", []):
        previous[row.get("id")] = row
    warnings = []
    for item in responsibilities:
        before = previous.get(item.pk, {})
        for name in RESPONSIBILITY_FIELDS:
            old = before.get(name) or {}
            changed = [
                code
                for code in LANGUAGES
                if (getattr(item, f"{name}_{code}", "") or "").strip()
                != (old.get(code) or "").strip()
            ]
            if len(changed) != 1:
                continue
            (code,) = changed
            other = next(c for c in LANGUAGES if c != code)
            warnings.append(
                ONE_LANGUAGE_EDIT.format(
                    clause=clause_label(item),
                    field=FIELD_NAMES[name],
                    changed=LANGUAGE_NAMES[code],
                    unchanged=LANGUAGE_NAMES[other],
                )
            )
    return warnings
