"""The numbered sections of an agreement after its cover: recitals and purpose, term, services,
governance, the schedule of responsibilities and the amendment history (signatures have their
own module). Each function takes the snapshot (plain data) and returns flowables."""

from reportlab.platypus import Paragraph

from agreements.documents import AgreementDocument
from agreements.financial import format_amount, years_text
from agreements.pdf.cover import version_kind
from agreements.pdf.layout import (
    cell,
    fields,
    localized_markup,
    localized_parts,
    markup,
    p,
    styles,
    subheading,
    table,
    widths,
)
from agreements.pdf_text import (
    change_lines,
    choice_label,
    format_date,
    holders_text,
    label,
    organization_name,
    plain,
    snapshot_choices,
)

# Schedule: clause, responsibility (with its kind, standard and due date), responsible party,
# accountable position. Names get columns wide enough for their longest word.
SCHEDULE_WIDTHS = widths(0.08, 0.44, 0.2, 0.28)


def position_parts(position: dict | None, language: str, *, holders: bool = True) -> list:
    if not position:
        return [(label("no_owner", language), "cell")]
    parts = [
        (plain(position.get("title"), language), "cell"),
        (organization_name(position.get("organization"), language), "small"),
    ]
    if holders:
        parts.append((holders_text(position, language), "cell"))
    return parts


def _bullets(lines: list[str]) -> list[Paragraph]:
    return [Paragraph(markup(line), styles()["item"], bulletText="•") for line in lines]


def purpose(snapshot: dict, language: str, *, schedule_number: int) -> list:
    """Recitals (who the parties are, when this version takes effect, what they agree to) and
    the agreement's purpose."""
    # Related agreements are deliberately not printed: the PDF is public and stored for ever,
    # while a related agreement may be restricted or unpublished (the web page filters them
    # through the public rule at request time instead).
    agreement, version = snapshot["agreement"], snapshot["version"]
    effective = format_date(version["effective_date"], language)
    expiry = format_date(agreement.get("expiry_date"), language)
    recitals = [label("recital_parties", language)]
    if version.get("kind") == "amendment" and version.get("amendment"):
        number = version["amendment"].get("number", "")
        recitals.append(label("recital_amendment", language, number=number, date=effective))
    if expiry:
        recitals.append(label("recital_term", language, date=effective, end=expiry))
    else:
        recitals.append(label("recital_open_ended", language, date=effective))
    recitals.append(label("recital_schedule", language, number=schedule_number))
    story = [p(markup(label("recitals", language)), "h2"), *_bullets(recitals)]
    amendment_purpose = localized_markup((version.get("amendment") or {}).get("purpose"), language)
    if amendment_purpose:
        story += [p(markup(label("amendment_purpose", language)), "h2"), p(amendment_purpose)]
    summary = localized_markup(agreement.get("summary"), language)
    story += [
        p(markup(label("summary", language)), "h2"),
        p(summary or markup(label("no_summary", language))),
    ]
    return story


def term(snapshot: dict, language: str) -> list:
    agreement = snapshot["agreement"]
    not_set = label("not_set", language)

    def day(field: str, empty: str = not_set) -> list:
        return [(format_date(agreement.get(field), language) or empty, "cell")]

    notice = agreement.get("notice_period_days")
    renewal = localized_parts(agreement.get("renewal_terms"), language)
    notice_text = label("days", language, count=notice) if notice is not None else not_set
    story = [
        fields(
            [
                (label("signed_date", language), day("signed_date")),
                (label("effective_date", language), day("effective_date")),
                (label("expiry_date", language), day("expiry_date", label("open_ended", language))),
                (label("next_review_date", language), day("next_review_date")),
                (label("notice_period_days", language), [(notice_text, "cell")]),
                (
                    label("renewal_terms", language),
                    renewal if renewal[1][0] else [(label("none", language), "cell")],
                ),
            ]
        )
    ]
    commitments = snapshot.get("financial_commitments") or []
    if commitments:
        story += [*subheading(label("financial_terms", language)), financial(commitments, language)]
    return story


def financial(commitments: list[dict], language: str):
    """The financial terms: who pays whom, how much, over which period, and for what. Printed
    under the term only when the version has any, so versions without keep their pages."""
    header = (
        label("funder_to_recipient", language),
        label("amount", language),
        label("period", language),
        label("financial_purpose", language),
    )
    rows = []
    for item in commitments:
        period = choice_label(item.get("period"), language)
        years = years_text(item, language)
        rows.append(
            [
                cell(
                    (organization_name(item.get("funder"), language), "cell"),
                    ("→ " + organization_name(item.get("recipient"), language), "cell"),
                ),
                cell(
                    (format_amount(item.get("amount"), item.get("currency", ""), language), "cell")
                ),
                cell((f"{period}, {years}" if years else period, "cell")),
                cell(*localized_parts(item.get("description"), language)),
            ]
        )
    return table(header, rows, widths(0.32, 0.22, 0.2, 0.26))


def services(snapshot: dict, language: str) -> list:
    agreement = snapshot["agreement"]
    pairs = []
    for key in ("service_areas", "delivery_channels"):
        names = ", ".join(plain(item["name"], language) for item in agreement.get(key) or [])
        pairs.append((label(key, language), [(names or label("none", language), "cell")]))
    return [fields(pairs)]


def _meeting_frequency(frequency, language: str) -> str:
    """A frozen choice in the PDF's language; versions signed while it was free text keep it."""
    return choice_label(frequency, language) if isinstance(frequency, dict) else str(frequency)


def governance(snapshot: dict, language: str, effective: str) -> list:
    body = snapshot["agreement"].get("governing_body")
    if not body:
        return [p(markup(label("no_governing_body", language)))]
    not_set = [(label("not_set", language), "cell")]
    mandate = localized_parts(body.get("mandate"), language)
    story = [
        fields(
            [
                (label("governing_body", language), localized_parts(body.get("name"), language)),
                (label("mandate", language), mandate if mandate[1][0] else not_set),
                (
                    label("meeting_frequency", language),
                    [(_meeting_frequency(body["meeting_frequency"], language), "cell")]
                    if body.get("meeting_frequency")
                    else not_set,
                ),
                (
                    label("chair", language),
                    position_parts(body["chair"], language)
                    if body.get("chair")
                    else [(label("none", language), "cell")],
                ),
            ]
        )
    ]
    members = body.get("members") or []
    if members:
        header = (
            label("position", language),
            label("organization", language),
            label("holder_on", language, date=effective),
        )
        rows = [
            [
                cell((plain(member.get("title"), language), "cell")),
                cell((organization_name(member.get("organization"), language), "cell")),
                cell((holders_text(member, language), "cell")),
            ]
            for member in members
        ]
        story += [
            *subheading(label("members", language)),
            table(header, rows, widths(0.38, 0.37, 0.25)),
        ]
    return story


def due_text(item: dict, language: str) -> str:
    """ "Quarterly; first due 30 June 2021", or the one due date, or nothing."""
    recurrence = item.get("recurrence") or {}
    if recurrence.get("code") not in (None, "", "none"):
        anchor = format_date(item.get("recurrence_anchor"), language)
        text = choice_label(recurrence, language)
        return f"{text}; {label('first_due', language, date=anchor)}" if anchor else text
    return format_date(item.get("due_date"), language)


def _responsibility_cell(item: dict, language: str) -> list:
    """The obligation's text, then in small print its kind and status, its service standard
    and when it is due."""
    kind = (choice_label(item.get("kind"), language), choice_label(item.get("status"), language))
    note, (standard, _look) = localized_parts(item.get("service_standard"), language)
    due = due_text(item, language)
    return cell(
        *localized_parts(item.get("text"), language),
        (" · ".join(filter(None, kind)), "small"),
        note if standard else None,
        (label("standard_line", language, text=standard), "small") if standard else None,
        (label("due_line", language, text=due), "small") if due else None,
    )


def schedule(snapshot: dict, language: str, effective: str) -> list:
    items = snapshot.get("responsibilities") or []
    if not items:
        return [p(markup(label("no_responsibilities", language)))]
    header = (
        label("clause", language),
        label("responsibility", language),
        label("responsible_party", language),
        label("accountable", language, date=effective),
    )
    rows = [
        [
            cell((item.get("clause"), "cell")),
            _responsibility_cell(item, language),
            cell((organization_name(item.get("responsible_party"), language), "cell")),
            cell(*position_parts(item.get("owner"), language)),
        ]
        for item in items
    ]
    return [table(header, rows, SCHEDULE_WIDTHS)]


def history(document: AgreementDocument, language: str) -> list:
    choices = snapshot_choices(document.snapshot)
    story = []
    for entry in document.history:
        heading = " — ".join(
            (
                label("version", language, number=entry.number),
                version_kind(entry.kind, entry.amendment, language),
                label("in_effect_from", language, date=format_date(entry.effective_date, language)),
            )
        )
        lines = change_lines(entry.change_summary, language, choices) or [
            label("first_version" if entry.kind != "amendment" else "no_changes", language)
        ]
        story += [*subheading(heading), *_bullets(lines)]
    return story
