"""The rows of the agreement page's parties, responsibilities, signatures and versions tables,
as HTML built in Python.

Each row holds about forty template constructs (bilingual texts, dates, translated labels, the
last accepted report, the holders); rendered by the template engine they were the largest part
of the page's cost. Here the labels are translated once per table and each row is one
`format_html`. The markup is the one the template wrote (cms/agreement_page.html keeps the table
around the rows), so what visitors and screen readers get is unchanged.
"""

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from agreements import recurrence
from cms.bilingual_html import bi
from jurisdictions.standing import has_own_standing, standing
from registry.bilingual import active_language
from registry.dates import as_date, long_date

DASH = "—"

# Rows already built, by what they are built from (see `kept`).
_BUILT: OrderedDict[tuple, SafeString] = OrderedDict()
MEMO_SIZE = 2048


def kept(key: tuple | None, build: Callable[[], SafeString]) -> SafeString:
    """`build()`, kept in this process under `key`, which must say everything the row is made
    of: the version (its id and the SHA-256 of its snapshot: versions never change), the page's
    language, and every value read from outside the snapshot (holders, report, dates). A row is
    a pure function of those, so no write anywhere can make a kept one wrong; the oldest are
    dropped past MEMO_SIZE."""
    if key is None:
        return build()
    found = _BUILT.get(key)
    if found is None:
        found = _BUILT[key] = build()
        if len(_BUILT) > MEMO_SIZE:
            _BUILT.popitem(last=False)
    return found


def _version_key(view) -> tuple | None:
    """What identifies the snapshot the rows come from, in the page's language; None (nothing
    kept) without a recorded version."""
    version = getattr(view, "version", None)
    if version is None or not getattr(version, "snapshot_sha256", None):
        return None
    return (version.pk, version.snapshot_sha256, active_language())


def _holders_key(holders) -> tuple:
    return tuple(
        (_field(holder, "name"), bool(_field(holder, "acting"))) for holder in holders or []
    )


def due_rule(item) -> str:
    """When a snapshot's responsibility falls due, read from its rule in the page's language:
    "Every quarter, from 30 June 2021" / "Chaque trimestre, à compter du 30 juin 2021" (also
    the `due_rule` template filter)."""
    rule = item.get("recurrence") or {}
    return recurrence.describe(
        recurrence=rule.get("code") if isinstance(rule, dict) else rule,
        anchor=as_date(item.get("recurrence_anchor")),
        due_date=as_date(item.get("due_date")),
    )


def _field(obj, name: str):
    """`obj.name` as a template reads it: a dict's key or an attribute; None when absent."""
    if obj is None:
        return None
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)


def _has_text(texts) -> bool:
    return bool(_field(texts, "en") or _field(texts, "fr"))


def _holders(holders, acting: SafeString, vacant: SafeString) -> SafeString:
    """Who holds the position, one per line, "(acting)" marked; "Vacant" when nobody does."""
    lines = [
        format_html(
            "{}{}", _field(holder, "name") or "", acting if _field(holder, "acting") else ""
        )
        for holder in holders or []
    ]
    return mark_safe("<br>".join(lines)) if lines else vacant  # noqa: S308  # nosec B308 B703 # (each line escaped)


class _Labels:
    """The table's translated words, looked up once per table rather than once per cell."""

    def __init__(self):
        self.standard = _("Standard:")
        self.due = _("Due")
        self.report = _("Last accepted report")
        self.position = _("Accountable position")
        self.held_by = _("Held by")
        self.acting = format_html(" ({})", _("acting"))
        self.none_yet = format_html('<span class="muted">{}</span>', _("None yet"))
        self.vacant = format_html('<span class="warning">{}</span>', _("Vacant"))
        self.no_position = format_html(
            '<span class="warning">{}</span>', _("No accountable position")
        )


def _obligation(item: dict[str, Any], labels: _Labels) -> SafeString:
    status = _field(item, "status")
    standard = _field(item, "service_standard")
    return format_html(
        '{}\n            <span class="muted">{}{}</span>\n            {}',
        bi(item.get("text")),
        bi(item.get("kind")),
        format_html(" · {}", bi(status)) if _field(status, "code") != "active" else "",
        format_html('<br><span class="standard">{} {}</span>', labels.standard, bi(standard))
        if _has_text(standard)
        else "",
    )


def _due(item: dict[str, Any]) -> str:
    code = _field(item.get("recurrence"), "code")
    if code and code != "none":
        return due_rule(item) or DASH
    if item.get("due_date"):
        return long_date(item["due_date"])
    return DASH


def _report(report: dict[str, Any] | None, labels: _Labels) -> SafeString:
    if not report:
        return labels.none_yet
    period = _("Period %(start)s to %(end)s") % {
        "start": escape(long_date(report.get("period_start"))),
        "end": escape(long_date(report.get("period_end"))),
    }
    return format_html(
        '{}<br><span class="muted">{}</span>',
        report.get("status_label"),
        mark_safe(period),  # noqa: S308  # nosec B308 B703 # (the values are escaped; the sentence is ours)
    )


def _position(item: dict[str, Any], view, labels: _Labels) -> SafeString:
    owner = item.get("owner")
    if not owner:
        return labels.no_position
    ended = view.ended_positions.get(owner.get("id")) if view.ended_positions else None
    warning = ""
    if ended:
        sentence = _(
            "This organisation ended on %(date)s: the obligation has no successor yet."
        ) % {"date": escape(long_date(ended))}
        warning = format_html(
            '<br><span class="warning" data-flag="organisation-ended">{}</span>',
            mark_safe(sentence),  # noqa: S308  # nosec B308 B703 # (the date is escaped; the sentence is ours)
        )
    return format_html(
        '{}<br><span class="muted">{}</span>{}',
        bi(owner.get("title")),
        bi(_field(owner.get("organization"), "name")),
        warning,
    )


def _held_by(item: dict[str, Any], view, labels: _Labels) -> SafeString:
    if view.holders_live:
        holders = view.holders.get(item.get("id")) if view.holders else None
    else:
        holders = _field(item.get("owner"), "holders")
    return _holders(holders, labels.acting, labels.vacant)


ROW = (
    "\n        <tr>"
    '\n          <th scope="row">{clause}</th>'
    "\n          <td>{obligation}</td>"
    '\n          <td data-label="{due_label}">{due}</td>'
    '\n          <td data-label="{report_label}" data-report-status="{report_status}">{report}</td>'
    '\n          <td data-label="{position_label}">{position}</td>'
    '\n          <td data-label="{held_by_label}">{held_by}</td>'
    "\n        </tr>\n        "
)


def _responsibility_row(item: dict[str, Any], view, report, labels: list) -> SafeString:
    if not labels:
        labels.append(_Labels())  # translated on the first row actually built
    return format_html(
        ROW,
        clause=item.get("clause") or DASH,
        obligation=_obligation(item, labels[0]),
        due_label=labels[0].due,
        due=_due(item),
        report_label=labels[0].report,
        report_status=(report or {}).get("status") or "",
        report=_report(report, labels[0]),
        position_label=labels[0].position,
        position=_position(item, view, labels[0]),
        held_by_label=labels[0].held_by,
        held_by=_held_by(item, view, labels[0]),
    )


def responsibility_rows(view, responsibilities: list[dict[str, Any]]) -> SafeString:
    """The `<tr>` of each responsibility of one party, for `view` (cms.selectors.AgreementView).
    Each row is kept (`kept`) under the version, the language and what it shows from outside
    the snapshot: the last accepted report, who holds the position, the organisation's end."""
    labels: list = []
    version = _version_key(view)
    rows = []
    for item in responsibilities:
        report = view.reports.get(item.get("id")) if view.reports else None
        owner = item.get("owner") or {}
        if view.holders_live:
            holders = view.holders.get(item.get("id")) if view.holders else None
        else:
            holders = None  # the snapshot's, part of the version
        key = version and (
            "responsibility",
            *version,
            item.get("id"),
            view.holders_live,
            _holders_key(holders),
            tuple((name, str(value)) for name, value in sorted(report.items())) if report else None,
            view.ended_positions.get(owner.get("id")) if view.ended_positions else None,
        )
        rows.append(
            kept(
                key,
                lambda item=item, report=report: _responsibility_row(item, view, report, labels),
            )
        )
    return mark_safe("".join(conditional_escape(row) for row in rows))  # noqa: S308  # nosec B308 B703 # (built by format_html)


class _SignatureLabels:
    def __init__(self):
        self.position = _("Signatory position")
        self.signatory = _("Signatory")
        self.date = _("Date signed")
        self.acting = format_html(" ({})", _("acting"))
        self.not_recorded = _("Not recorded")
        self.not_recorded_warning = format_html(
            '<span class="warning">{}</span>', _("Not recorded")
        )
        self.later = format_html(
            ' <span class="muted">({})</span>', _("signed after this version was recorded")
        )
        self.not_signed = format_html('<span class="warning">{}</span>', _("Not signed"))


SIGNATURE_ROW = (
    '\n      <tr data-party="{party_id}"{later}>'
    '\n        <th scope="row">{party}</th>'
    '\n        <td data-label="{position_label}">{position}</td>'
    '\n        <td data-label="{signatory_label}">{signatory}</td>'
    '\n        <td data-label="{date_label}">{date}{later_note}</td>'
    "\n      </tr>\n      "
)
UNSIGNED_ROW = (
    '\n      <tr data-party="{party_id}" data-signed="false">'
    '\n        <th scope="row">{party}</th>'
    '\n        <td data-label="{position_label}">{position}</td>'
    '\n        <td data-label="{signatory_label}">—</td>'
    '\n        <td data-label="{date_label}">{not_signed}</td>'
    "\n      </tr>\n      "
)


def _signature_rows(entry, labels: _SignatureLabels) -> str:
    party = entry.party
    name = bi(_field(party.get("organization"), "name"))
    common = {
        "party_id": party.get("id"),
        "party": name,
        "position_label": labels.position,
        "signatory_label": labels.signatory,
        "date_label": labels.date,
    }
    if not entry.lines:
        signatory = party.get("signatory")
        return format_html(
            UNSIGNED_ROW,
            position=bi(_field(signatory, "title")) if signatory else DASH,
            not_signed=labels.not_signed,
            **common,
        )
    return "".join(
        format_html(
            SIGNATURE_ROW,
            later=mark_safe(' data-later="true"') if line.later else "",  # noqa: S308  # nosec B308 B703 # a literal of ours
            position=bi(line.title) if line.title else labels.not_recorded_warning,
            signatory=_holders(line.holders, labels.acting, DASH),
            date=long_date(line.signed_date) or labels.not_recorded,
            later_note=labels.later if line.later else "",
            **common,
        )
        for line in entry.lines
    )


def _all_signature_rows(status) -> SafeString:
    labels = _SignatureLabels()
    return mark_safe(  # noqa: S308  # nosec B308 B703 # (each row built by format_html)
        "".join(f"\n      {_signature_rows(entry, labels)}\n      " for entry in status.parties)
    )


def signature_rows(status, version=None) -> SafeString:
    """The `<tr>` of each signature of the version shown, party by party, for `status`
    (agreements.services.signatures.SignatureStatus); a party with none has one "Not signed"
    row. With `version` (the version shown), kept (`kept`) under it, the language and the
    signatures given after it was recorded (the rest comes from its snapshot)."""
    if version is None or not getattr(version, "snapshot_sha256", None):
        return _all_signature_rows(status)
    later = repr([line for entry in status.parties for line in entry.lines if line.later])
    key = ("signatures", version.pk, version.snapshot_sha256, active_language(), later)
    return kept(key, lambda: _all_signature_rows(status))


PARTY_ROW = (
    "\n        <tr>"
    '\n          <th scope="row">{name}{acronym}</th>'
    "\n          <td>{standing}</td>"
    "\n          <td>{role}</td>"
    "\n        </tr>\n        "
)


def _party_row(party: dict[str, Any], links, language: str) -> SafeString:
    organization = party.get("organization") or {}
    name = bi(organization.get("name"))
    slug = organization.get("slug")
    if slug:
        name = format_html('<a href="{}">{}</a>', links.organisation(slug) if links else "", name)
    acronym = organization.get("acronym")
    if has_own_standing(organization):
        shown = format_html('<span class="standing">{}</span>', standing(organization, language))
    else:
        jurisdiction = organization.get("jurisdiction") or {}
        slug = jurisdiction.get("slug", "")
        shown = format_html(
            '<a href="{}">{}</a> <span class="muted">{}</span>',
            links.jurisdiction(slug) if links else "",
            bi(jurisdiction.get("name")),
            bi(jurisdiction.get("level")),
        )
    return format_html(
        PARTY_ROW,
        name=name,
        acronym=format_html(" ({})", bi(acronym)) if _has_text(acronym) else "",
        standing=shown,
        role=bi(party.get("role")),
    )


def party_rows(view, links) -> SafeString:
    """The `<tr>` of each party of the version shown: organisation (linked to its page), its
    jurisdiction or standing, and its role."""
    language = active_language()
    return mark_safe(  # noqa: S308  # nosec B308 B703 # (each row built by format_html)
        "".join(_party_row(block.party, links, language) for block in view.party_blocks)
    )


VERSION_ROW = (
    "\n        <tr{current}>"
    '\n          <th scope="row">{version}'
    '\n            <br><span class="muted">{kind}</span></th>'
    "\n          <td>{effective}</td>"
    "\n          <td>{changes}</td>"
    "\n          <td>{documents}</td>"
    "\n        </tr>\n        "
)


def _changes(version, changes) -> SafeString | str:
    if version.number == 1:
        return _("Original agreement")
    if not changes:
        return _("No change to the recorded content")
    return format_html(
        '\n            <ul class="changes">{}</ul>\n            ',
        mark_safe(  # noqa: S308  # nosec B308 B703 # (each item built by format_html)
            "".join(
                format_html(
                    "<li><strong>{}:</strong> {}</li>",
                    section.heading,
                    mark_safe(  # noqa: S308  # nosec B308 B703 # (each item escaped)
                        "; ".join(conditional_escape(item) for item in section.items)
                    ),
                )
                for section in changes
            )
        ),
    )


def _version_documents(version, documents, described: bool) -> SafeString | str:
    if not documents:
        return DASH
    number = escape(version.number)
    hidden = _("version %(number)s") % {"number": number}
    return mark_safe(  # noqa: S308  # nosec B308 B703 # (each link built by format_html)
        "<br>".join(
            format_html(
                '<a href="{}" hreflang="{}" type="application/pdf"{}>{}'
                '<span class="visually-hidden">, {}</span></a>',
                document.url,
                document.language,
                mark_safe(' aria-describedby="pdf-accessibility"') if described else "",  # noqa: S308  # nosec B308 B703 # a literal of ours
                document.label,
                mark_safe(hidden),  # noqa: S308  # nosec B308 B703 # (the number is escaped; the words are ours)
            )
            for document in documents
        )
    )


def version_rows(view, rows: list[dict[str, Any]], links, described: bool) -> SafeString:
    """The `<tr>` of each published version, newest first (`rows` as cms.views builds them):
    a link to it (or "shown"), its kind, when it took effect, what changed and its PDFs.
    `described`: the PDF note of the page is there for `aria-describedby`."""
    shown = _("shown")
    reference = view.agreement.reference
    html = []
    for position, row in enumerate(rows):
        version = row["version"]
        label = _("Version %(number)s") % {"number": escape(version.number)}
        if version.pk == view.version.pk:
            heading = format_html(
                '{} <span class="muted">({})</span>',
                mark_safe(label),  # noqa: S308  # nosec B308 B703 # (the number is escaped; the words are ours)
                shown,
            )
        else:
            url = (
                links.agreement(reference)
                if position == 0
                else links.version(reference, version.number)
            )
            heading = format_html(
                '<a href="{}">{}</a>',
                url if links else "",
                mark_safe(label),  # noqa: S308  # nosec B308 B703 # (the number is escaped; the words are ours)
            )
        html.append(
            format_html(
                VERSION_ROW,
                current=mark_safe(' class="is-current-row"')  # noqa: S308  # nosec B308 B703 # a literal of ours
                if version.pk == view.version.pk
                else "",
                version=heading,
                kind=version.get_kind_display(),
                effective=long_date(version.effective_date),
                changes=_changes(version, row["changes"]),
                documents=_version_documents(version, row["documents"], described),
            )
        )
    return mark_safe("".join(html))  # noqa: S308  # nosec B308 B703 # (each row built by format_html)
