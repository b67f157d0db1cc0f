"""What a result of the agreement browser shows from its version's snapshot, read by the database.

A snapshot is a 15–20 kB JSON document; a result shows four small parts of it (title, type,
parties' names, summary). Decoding twenty whole snapshots in Python took about half the
browser's time at 10,000 agreements, so the database extracts the parts (`CARD`, one small JSON
object per row) and they are put in the page's language once here, not by template filters.
"""

import datetime
from dataclasses import dataclass

from django.db.models import F, Func, JSONField
from django.utils.text import Truncator

from agreements.models import Agreement, AgreementVersion
from registry.bilingual import LocalizedText, in_language

SUMMARY_WORDS = 40

_SQLITE = """json_object(
    'title', json_extract(%(expressions)s, '$.agreement.title'),
    'type', json_extract(%(expressions)s, '$.agreement.type.label'),
    'summary', json_extract(%(expressions)s, '$.agreement.summary'),
    'parties', (SELECT json_group_array(json_extract(p.value, '$.organization.name'))
                FROM json_each(%(expressions)s, '$.parties') AS p))"""
_POSTGRESQL = """jsonb_build_object(
    'title', %(expressions)s -> 'agreement' -> 'title',
    'type', %(expressions)s -> 'agreement' -> 'type' -> 'label',
    'summary', %(expressions)s -> 'agreement' -> 'summary',
    'parties', COALESCE((SELECT jsonb_agg(p.value -> 'organization' -> 'name' ORDER BY p.n)
                FROM jsonb_array_elements(%(expressions)s -> 'parties') WITH ORDINALITY AS p(value, n)),
                '[]'::jsonb))"""


class CardFields(Func):
    """{"title", "type", "summary": {"en", "fr"}, "parties": [{"en", "fr"}, ...]} of a version's
    snapshot (`CardFields("snapshot")`), as one JSON value."""

    output_field = JSONField()

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template=_SQLITE, **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template=_POSTGRESQL, **extra)

    def as_sql(self, compiler, connection, **extra):
        raise NotImplementedError(f"No card extraction for {connection.vendor}.")


def _text(texts, language: str) -> LocalizedText:
    """`{"en", "fr"}` in `language`, the other language when empty (as the `bi` filter shows)."""
    if not isinstance(texts, dict):
        return LocalizedText("" if texts is None else str(texts), language, False)
    return in_language(texts.get("en"), texts.get("fr"), language)


@dataclass(frozen=True)
class ResultAgreement:
    reference: str
    state: str
    state_label: str  # the state's name in the page's language


@dataclass(frozen=True)
class Result:
    """One result of the browser: the agreement's current published version, as shown."""

    agreement_id: int
    agreement: ResultAgreement
    number: int
    effective_date: datetime.date
    card: "ResultCard"


@dataclass(frozen=True)
class ResultCard:
    title: LocalizedText
    type: LocalizedText
    parties: list[LocalizedText]
    summary: str  # in the page's language, cut to SUMMARY_WORDS words; "" when there is none


def results(version_ids: list[int], *, language: str) -> list[Result]:
    """The results for these current versions, in that order (one query; plain values, not
    model instances, since the page only shows text)."""
    rows = (
        AgreementVersion.objects.filter(pk__in=version_ids)
        .values("pk", "agreement_id", "number", "effective_date")
        .annotate(
            reference=F("agreement__reference"),
            state=F("agreement__state"),
            fields=CardFields("snapshot"),
        )
    )
    states = {value: str(label) for value, label in Agreement.State.choices}
    found = {
        row["pk"]: Result(
            agreement_id=row["agreement_id"],
            agreement=ResultAgreement(
                row["reference"], row["state"], states.get(row["state"], row["state"])
            ),
            number=row["number"],
            effective_date=row["effective_date"],
            card=card(row["fields"], language),
        )
        for row in rows
    }
    return [found[pk] for pk in version_ids if pk in found]


def card(fields: dict | None, language: str) -> ResultCard:
    """The card of one result, from its `CardFields` value, in `language`."""
    fields = fields or {}
    summary = _text(fields.get("summary"), language).text
    return ResultCard(
        title=_text(fields.get("title"), language),
        type=_text(fields.get("type"), language),
        parties=[_text(name, language) for name in fields.get("parties") or ()],
        summary=Truncator(summary).words(SUMMARY_WORDS, truncate=" …") if summary else "",
    )
