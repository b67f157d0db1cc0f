"""A minister's office's accountability brief (data from `agreements.briefs`) as a PDF: the
counts, the overdue due dates, the agreements expiring soon, the responsibilities without an
accountable holder, and every responsibility grouped by accountable position."""

import datetime

from reportlab.lib.units import inch
from reportlab.platypus import CondPageBreak, Table

from agreements.pdf.layout import (
    LANGUAGES,
    Lines,
    build,
    cell,
    fields,
    localized_parts,
    markup,
    p,
    section,
    table,
    widths,
)
from agreements.pdf.sections import position_parts
from agreements.pdf_text import (
    choice_label,
    format_date,
    holders_text,
    label,
    organization_name,
    plain,
)


def _briefcell(column: str, item: dict, language: str) -> list[Lines]:
    if column == "agreement":
        return cell((item["reference"], "cell"))
    if column == "clause":
        return cell((item.get("clause"), "cell"))
    if column == "responsibility":
        return cell(*localized_parts(item.get("text"), language))
    if column == "position":
        return cell(*position_parts(item.get("position"), language))
    if column == "responsible_party":
        return cell((organization_name(item.get("responsible_party"), language), "cell"))
    if column == "status":
        return cell((choice_label(item.get("status"), language), "cell"))
    if column == "next_due":
        due = format_date(item.get("next_due"), language)
        return cell((due or label("nothing_due", language), "cell"))
    if column == "overdue":
        missed = len(item.get("overdue") or [])
        return cell((label("missed", language, count=missed) if missed else "", "cell"))
    return cell((format_date(item.get(column), language), "cell"))


def _brieftable(items: list[dict], language: str, columns: dict[str, float]) -> Table:
    """A brief table: `columns` maps a column (label key) to its share of the width."""
    header = [label(column, language) for column in columns]
    rows = [[_briefcell(column, item, language) for column in columns] for item in items]
    return table(header, rows, widths(*columns.values()))


def render_accountability_brief_pdf(brief: dict, language: str) -> bytes:
    """A minister's office's accountability brief (data from `agreements.briefs`) as PDF bytes."""
    if language not in LANGUAGES:
        raise ValueError(f"Unsupported language: {language!r}")
    as_of = format_date(brief["as_of"], language)
    names = ", ".join(organization_name(org, language) for org in brief["organizations"])
    scope = ", ".join(organization_name(org, language) for org in brief["scope"])
    days = brief["window_days"]
    counts = fields(
        [
            (label(key, language, days=days), [(str(count), "cell")])
            for key, count in (
                (
                    "count_responsibilities",
                    sum(len(p["responsibilities"]) for p in brief["positions"]),
                ),
                ("count_positions", len(brief["positions"])),
                ("count_overdue", len(brief["overdue"])),
                ("count_expiring", len(brief["expiring"])),
                ("count_unowned", len(brief["unowned"])),
            )
        ],
        label_width=0.55,
    )
    story = [
        p(markup(label("registry", language)), "registry"),
        p(markup(label("brief_title", language)), "title"),
        p(markup(label("brief_for", language, names=names)), "meta"),
        p(markup(label("brief_as_of", language, date=as_of)), "meta"),
        p(markup(label("brief_scope", language, names=scope)), "body"),
        counts,
        *section("overdue", label("overdue", language)),
    ]
    if brief["overdue"]:
        columns = {
            "agreement": 0.15,
            "clause": 0.08,
            "responsibility": 0.39,
            "position": 0.24,
            "due_date": 0.14,
        }
        story.append(_brieftable(brief["overdue"], language, columns))
    else:
        story.append(p(markup(label("no_overdue", language))))
    story += section("expiring", label("expiring", language, days=days))
    if brief["expiring"]:
        header = [
            label(k, language) for k in ("agreement", "title", "expiry_date", "notice_deadline")
        ]
        rows = [
            [
                cell((item["reference"], "cell")),
                cell(*localized_parts(item.get("title"), language)),
                cell((format_date(item.get("expiry_date"), language), "cell")),
                cell((format_date(item.get("notice_deadline"), language), "cell")),
            ]
            for item in brief["expiring"]
        ]
        story.append(table(header, rows, widths(0.17, 0.51, 0.16, 0.16)))
    else:
        story.append(p(markup(label("no_expiring", language))))
    story += section("unowned", label("unowned", language))
    if brief["unowned"]:
        columns = {
            "agreement": 0.15,
            "clause": 0.08,
            "responsibility": 0.37,
            "responsible_party": 0.18,
            "position": 0.22,
        }
        story.append(_brieftable(brief["unowned"], language, columns))
    else:
        story.append(p(markup(label("no_unowned", language))))
    story += section("positions", label("by_position", language))
    if not brief["positions"]:
        story.append(p(markup(label("no_positions", language))))
    columns = {
        "agreement": 0.15,
        "clause": 0.08,
        "responsibility": 0.41,
        "status": 0.1,
        "next_due": 0.14,
        "overdue": 0.12,
    }
    for position in brief["positions"]:
        organization = organization_name(position["organization"], language)
        title = f"{plain(position['title'], language)} — {organization}"
        held_by = label("held_by", language, names=holders_text(position, language))
        story += [
            CondPageBreak(1.2 * inch),
            p(markup(title), "h2"),
            p(markup(held_by)),
            _brieftable(position["responsibilities"], language, columns),
        ]
    created = datetime.date.fromisoformat(brief["as_of"])
    return build(
        story,
        language=language,
        created=created,
        footer=lambda page, pages: label(
            "brief_footer", language, date=as_of, page=page, pages=pages
        ),
        title=label("brief_title", language),
        subject=label("brief_subject", language, names=names, date=as_of),
        keywords=f"accountability, {language}",
    )
