"""What a result of the agreement browser shows from its version's snapshot, read by the database.

A snapshot is a 15–20 kB JSON document; a result shows four small parts of it (title, type,
parties' names, summary). Decoding twenty whole snapshots in Python took about half the
browser's time at 10,000 agreements, so the database extracts the parts (`CardFields`, one small
JSON array per row) and they are put in the page's language once here, not by template filters.

Each snapshot is decoded once per row: SQLite's `json_extract` takes every path in one call (one
parse of the document instead of five: 5.3 → 0.7 ms for twenty results), and PostgreSQL
detoasts the document once into a sub-select's value instead of once per `->` (5.2 → 1.1 ms).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Func, JSONField
from django.utils.text import Truncator

from agreements.models import Agreement, AgreementVersion
from registry.bilingual import LocalizedText, in_language
from registry.compiled_query import CompiledQuery

SUMMARY_WORDS = 40
# Parties whose names SQLite reads by index in the one `json_extract` call; a snapshot with more
# (rare) has all its names read again, in the same query.
INDEXED_PARTIES = 16

_CARD_PATHS = ("$.agreement.title", "$.agreement.type.label", "$.agreement.summary")
# [title, type, summary, name 0, …, name 15, null or (more than 16 parties) every name]. OFFSET 0
# keeps SQLite from inlining the sub-select, which would parse the snapshot again for the CASE.
_SQLITE_PATHS = ", ".join(
    f"'{path}'"
    for path in (
        *_CARD_PATHS,
        *(f"$.parties[{index}].organization.name" for index in range(INDEXED_PARTIES)),
        f"$.parties[{INDEXED_PARTIES}]",
    )
)
_SQLITE_REST = len(_CARD_PATHS) + INDEXED_PARTIES
_SQLITE = f"""(SELECT CASE WHEN json_extract(m.j, '$[{_SQLITE_REST}]') IS NULL THEN m.j
    ELSE json_set(m.j, '$[{_SQLITE_REST}]', json((
        SELECT json_group_array(json_extract(p.value, '$.organization.name'))
        FROM json_each(%(expressions)s, '$.parties') AS p))) END
    FROM (SELECT json_extract(%(expressions)s, {_SQLITE_PATHS}) AS j LIMIT 1 OFFSET 0) AS m)"""  # noqa: S608  # nosec B608 # constant paths; no value from a request
# [title, type, summary, [every name]]. `|| '{}'` makes the detoasted document a value of the
# sub-select (OFFSET 0 keeps it from being inlined), read four times without detoasting again.
_POSTGRESQL = """(SELECT jsonb_build_array(s #> '{agreement,title}', s #> '{agreement,type,label}',
        s #> '{agreement,summary}', jsonb_path_query_array(s, '$.parties[*].organization.name'))
    FROM (SELECT %(expressions)s || '{}'::jsonb AS s OFFSET 0) AS x)"""


class CardFields(Func):
    """The parts of a version's snapshot a card shows (`CardFields("snapshot")`), as one JSON
    array per row; `parts` reads it."""

    output_field = JSONField()

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = super().as_sql(compiler, connection, template=_SQLITE, **extra)
        return sql, (*params, *params)  # the snapshot appears twice in the template

    def as_postgresql(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template=_POSTGRESQL, **extra)

    def as_sql(self, compiler, connection, **extra):
        raise NotImplementedError(f"No card extraction for {connection.vendor}.")

    @staticmethod
    def parts(value) -> dict:
        """{"title", "type", "summary": {"en", "fr"}, "parties": [{"en", "fr"}, ...]} from a
        `CardFields` value of either database."""
        if not value:
            return {}
        title, type_, summary, *names = value
        if len(names) == 1:  # PostgreSQL: every name
            parties = names[0]
        elif names[-1] is not None:  # SQLite, more than INDEXED_PARTIES: every name
            parties = names[-1]
        else:  # SQLite: the names read by index, then nulls
            parties = [name for name in names[:-1] if name is not None]
        return {"title": title, "type": type_, "summary": summary, "parties": parties or ()}


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


# Compiled once per connection (and per number of results): building the queryset took about as
# long as the database takes to run it.
_CARDS = CompiledQuery(
    "result_cards.cards",
    lambda ids: (
        AgreementVersion.objects.filter(pk__in=ids)
        .order_by()
        .values_list(
            "pk",
            "agreement_id",
            "number",
            "effective_date",
            "agreement__reference",
            "agreement__state",
            CardFields("snapshot"),
        )
    ),
)


def results(version_ids: list[int], *, language: str) -> list[Result]:
    """The results for these current versions, in that order (one query; plain values, not
    model instances, since the page only shows text)."""
    states = {value: str(label) for value, label in Agreement.State.choices}
    found = {
        pk: Result(
            agreement_id=agreement_id,
            agreement=ResultAgreement(reference, state, states.get(state, state)),
            number=number,
            effective_date=effective_date,
            card=card(CardFields.parts(fields), language),
        )
        for pk, agreement_id, number, effective_date, reference, state, fields in _CARDS.rows(
            ids=list(version_ids)
        )
    }
    return [found[pk] for pk in version_ids if pk in found]


def card(fields: dict | None, language: str) -> ResultCard:
    """The card of one result, from its `CardFields.parts`, in `language`."""
    fields = fields or {}
    summary = _text(fields.get("summary"), language).text
    return ResultCard(
        title=_text(fields.get("title"), language),
        type=_text(fields.get("type"), language),
        parties=[_text(name, language) for name in fields.get("parties") or ()],
        summary=Truncator(summary).words(SUMMARY_WORDS, truncate=" …") if summary else "",
    )
