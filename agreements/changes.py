"""What changed between two snapshots. Pure functions over plain data: no database.

`summarise_changes` gives the structured change summary stored on each version.
`compare_snapshots` gives the rows of a side-by-side comparison for the staff admin.

Parties are matched by organisation, responsibilities by their row id (a responsibility keeps its
id through amendments, so rewording it is a change, not a removal and an addition).
"""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from registry.bilingual import pick

AGREEMENT_DATES = ("signed_date", "effective_date", "expiry_date", "next_review_date")
AGREEMENT_TERMS = (
    "title",
    "summary",
    "type",
    "visibility",
    "notice_period_days",
    "renewal_terms",
    "service_areas",
    "delivery_channels",
    "governing_body",
)
RESPONSIBILITY_FIELDS = (
    "clause",
    "kind",
    "status",
    "due_date",
    "recurrence",
    "recurrence_anchor",
    "service_standard",
    "responsible_party",
)
PARTY_FIELDS = ("role", "signatory", "signed_date")
CHANGED_FIELD = _("{field}: {before} → {after}")
PARTY_JOINED = _("{name} joined the agreement.")
PARTY_LEFT = _("{name} left the agreement.")
PARTY_CHANGED = _("{name}: {fields} changed.")
RESPONSIBILITY_ADDED = _("Responsibility {clause} added.")
RESPONSIBILITY_REMOVED = _("Responsibility {clause} removed.")
RESPONSIBILITY_REWORDED = _("Responsibility {clause} reworded.")
RESPONSIBILITY_CHANGED = _("Responsibility {clause}: {fields} changed.")
OWNER_CHANGED = _("Responsibility {clause}: accountable position {before} → {after}.")
SUMMARY_KEYS = (
    "dates_changed",
    "terms_changed",
    "parties_joined",
    "parties_left",
    "parties_changed",
    "responsibilities_added",
    "responsibilities_removed",
    "responsibilities_reworded",
    "responsibilities_changed",
    "owners_changed",
)


def comparable(section: str, field: str, value: Any) -> Any:
    """The part of a snapshot value that counts as the agreement's content.

    Labels and who held a position are context, not content: a position changing hands, or a
    translation of a label, is not a change to the agreement.
    """
    if value is None:
        return None
    if isinstance(value, dict) and "code" in value and "label" in value:
        return value["code"]
    if field in ("signatory", "owner"):
        return value["id"]
    if field == "responsible_party":
        return value["organization_id"]
    if field in ("service_areas", "delivery_channels"):
        return sorted(item["slug"] for item in value)
    if field == "governing_body":
        return value["id"]
    return value


def _display(field: str, value: Any) -> Any:
    """A small, readable form of a value for the stored summary (codes, titles, names)."""
    if value is None:
        return None
    if isinstance(value, dict) and "code" in value:
        return value["code"]
    if field in ("signatory", "owner"):
        return {"position_id": value["id"], "title": value["title"]}
    if field == "responsible_party":
        return {"organization_id": value["organization_id"], "name": value["name"]}
    if field in ("service_areas", "delivery_channels"):
        return sorted(item["slug"] for item in value)
    if field == "governing_body":
        return {"id": value["id"], "name": value["name"]}
    return value


def _field_changes(before: dict, after: dict, fields, section: str) -> list[dict[str, Any]]:
    return [
        {
            "field": field,
            "before": _display(field, before.get(field)),
            "after": _display(field, after.get(field)),
        }
        for field in fields
        if comparable(section, field, before.get(field))
        != comparable(section, field, after.get(field))
    ]


def _party_ref(party: dict) -> dict[str, Any]:
    organization = party["organization"]
    return {
        "organization_id": organization["id"],
        "name": organization["name"],
        "role": party["role"]["code"],
    }


def _responsibility_ref(item: dict) -> dict[str, Any]:
    return {"id": item["id"], "clause": item["clause"], "text": item["text"]}


def empty_summary() -> dict[str, list]:
    return {key: [] for key in SUMMARY_KEYS}


def summarise_changes(before: dict, after: dict) -> dict[str, list]:
    """The change summary from snapshot `before` to snapshot `after` (every key always present)."""
    summary = empty_summary()
    old, new = before["agreement"], after["agreement"]
    summary["dates_changed"] = _field_changes(old, new, AGREEMENT_DATES, "agreement")
    summary["terms_changed"] = _field_changes(old, new, AGREEMENT_TERMS, "agreement")

    old_parties = {p["organization"]["id"]: p for p in before["parties"]}
    new_parties = {p["organization"]["id"]: p for p in after["parties"]}
    for organization_id, party in new_parties.items():
        if organization_id not in old_parties:
            summary["parties_joined"].append(_party_ref(party))
            continue
        changes = _field_changes(old_parties[organization_id], party, PARTY_FIELDS, "party")
        if changes:
            summary["parties_changed"].append({**_party_ref(party), "changes": changes})
    summary["parties_left"] = [
        _party_ref(party) for key, party in old_parties.items() if key not in new_parties
    ]

    old_items = {r["id"]: r for r in before["responsibilities"]}
    new_items = {r["id"]: r for r in after["responsibilities"]}
    for item_id, item in new_items.items():
        previous = old_items.get(item_id)
        if previous is None:
            summary["responsibilities_added"].append(_responsibility_ref(item))
            continue
        if previous["text"] != item["text"]:
            summary["responsibilities_reworded"].append(
                {
                    "id": item_id,
                    "clause": item["clause"],
                    "before": previous["text"],
                    "after": item["text"],
                }
            )
        if comparable("responsibility", "owner", previous["owner"]) != comparable(
            "responsibility", "owner", item["owner"]
        ):
            summary["owners_changed"].append(
                {
                    "id": item_id,
                    "clause": item["clause"],
                    "before": _display("owner", previous["owner"]),
                    "after": _display("owner", item["owner"]),
                }
            )
        changes = _field_changes(previous, item, RESPONSIBILITY_FIELDS, "responsibility")
        if changes:
            summary["responsibilities_changed"].append(
                {"id": item_id, "clause": item["clause"], "changes": changes}
            )
    summary["responsibilities_removed"] = [
        _responsibility_ref(item) for key, item in old_items.items() if key not in new_items
    ]
    return summary


def has_changes(summary: dict[str, list]) -> bool:
    return any(summary.get(key) for key in SUMMARY_KEYS)


def change_count(summary: dict[str, list]) -> int:
    return sum(len(summary.get(key, [])) for key in SUMMARY_KEYS)


# --- Reading the summaries and comparisons (staff admin) ------------------------------------------

FIELD_LABELS = {
    "title": _("Title"),
    "summary": _("Summary"),
    "type": _("Type"),
    "visibility": _("Visibility"),
    "signed_date": _("Signed"),
    "effective_date": _("Effective"),
    "expiry_date": _("Expires"),
    "next_review_date": _("Next review"),
    "notice_period_days": _("Notice period (days)"),
    "renewal_terms": _("Renewal terms"),
    "service_areas": _("Service areas"),
    "delivery_channels": _("Delivery channels"),
    "governing_body": _("Governing body"),
    "clause": _("Clause"),
    "kind": _("Kind"),
    "status": _("Status"),
    "due_date": _("Due date"),
    "recurrence": _("Recurrence"),
    "recurrence_anchor": _("First due date"),
    "service_standard": _("Service standard"),
    "responsible_party": _("Responsible party"),
    "role": _("Role"),
    "signatory": _("Signatory"),
    "owner": _("Accountable position"),
    "text": _("Obligation"),
}


def render_value(field: str, value: Any, language: str = "en") -> str:
    """A snapshot value (or a summary's before/after) as one line of text."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, dict) and "code" in value and "label" in value:
        return pick(value["label"], language)
    if isinstance(value, dict) and "title" in value:  # a position
        holders = ", ".join(h["name"] for h in value.get("holders", []))
        title = pick(value["title"], language)
        return f"{title} ({holders})" if holders else title
    if isinstance(value, dict) and "name" in value:  # a party, organisation or governing body
        return pick(value["name"], language)
    if isinstance(value, dict):
        return pick(value, language)
    if isinstance(value, list):
        return ", ".join(
            pick(item.get("name"), language) if isinstance(item, dict) else str(item)
            for item in value
        )
    return str(value)


def describe_changes(summary: dict[str, list], language: str = "en") -> list[str]:
    """The change summary as short sentences, in the order of `SUMMARY_KEYS`."""
    lines = []
    for change in summary.get("dates_changed", []) + summary.get("terms_changed", []):
        lines.append(
            str(CHANGED_FIELD).format(
                field=FIELD_LABELS.get(change["field"], change["field"]),
                before=render_value(change["field"], change["before"], language),
                after=render_value(change["field"], change["after"], language),
            )
        )
    for party in summary.get("parties_joined", []):
        lines.append(str(PARTY_JOINED).format(name=pick(party["name"], language)))
    for party in summary.get("parties_left", []):
        lines.append(str(PARTY_LEFT).format(name=pick(party["name"], language)))
    for party in summary.get("parties_changed", []):
        fields = ", ".join(str(FIELD_LABELS.get(c["field"], c["field"])) for c in party["changes"])
        lines.append(str(PARTY_CHANGED).format(name=pick(party["name"], language), fields=fields))
    for item in summary.get("responsibilities_added", []):
        lines.append(str(RESPONSIBILITY_ADDED).format(clause=item["clause"] or f"#{item['id']}"))
    for item in summary.get("responsibilities_removed", []):
        lines.append(str(RESPONSIBILITY_REMOVED).format(clause=item["clause"] or f"#{item['id']}"))
    for item in summary.get("responsibilities_reworded", []):
        lines.append(str(RESPONSIBILITY_REWORDED).format(clause=item["clause"] or f"#{item['id']}"))
    for item in summary.get("owners_changed", []):
        lines.append(
            str(OWNER_CHANGED).format(
                clause=item["clause"] or f"#{item['id']}",
                before=render_value("owner", item["before"], language),
                after=render_value("owner", item["after"], language),
            )
        )
    for item in summary.get("responsibilities_changed", []):
        fields = ", ".join(str(FIELD_LABELS.get(c["field"], c["field"])) for c in item["changes"])
        lines.append(
            str(RESPONSIBILITY_CHANGED).format(
                clause=item["clause"] or f"#{item['id']}", fields=fields
            )
        )
    return lines


@dataclass(frozen=True)
class Row:
    """One line of a side-by-side comparison."""

    label: str
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


def _responsibility_text(item: dict | None, language: str) -> str:
    if item is None:
        return ""
    parts = [pick(item["text"], language)]
    owner = render_value("owner", item.get("owner"), language)
    parts.append(f"{FIELD_LABELS['owner']}: {owner}")
    party = item.get("responsible_party")
    if party:
        parts.append(f"{FIELD_LABELS['responsible_party']}: {pick(party['name'], language)}")
    for field in ("due_date", "recurrence", "recurrence_anchor", "service_standard", "status"):
        value = item.get(field)
        if value and comparable("responsibility", field, value) not in ("none", ""):
            parts.append(f"{FIELD_LABELS[field]}: {render_value(field, value, language)}")
    return "\n".join(parts)


def _party_text(party: dict | None, language: str) -> str:
    if party is None:
        return ""
    signatory = render_value("signatory", party.get("signatory"), language)
    return (
        f"{render_value('role', party['role'], language)}\n"
        f"{FIELD_LABELS['signatory']}: {signatory}\n"
        f"{FIELD_LABELS['signed_date']}: {party.get('signed_date') or '—'}"
    )


def compare_snapshots(before: dict, after: dict, language: str = "en") -> dict[str, list[Row]]:
    """Rows for a side-by-side comparison of two snapshots: the agreement's fields, its parties
    (matched by organisation) and its responsibilities (matched by id)."""
    agreement_rows = [
        Row(
            str(FIELD_LABELS[field]),
            render_value(field, before["agreement"].get(field), language),
            render_value(field, after["agreement"].get(field), language),
        )
        for field in AGREEMENT_TERMS[:1] + AGREEMENT_DATES + AGREEMENT_TERMS[1:]
    ]
    old_parties = {p["organization"]["id"]: p for p in before["parties"]}
    new_parties = {p["organization"]["id"]: p for p in after["parties"]}
    party_rows = [
        Row(
            pick((new_parties.get(key) or old_parties[key])["organization"]["name"], language),
            _party_text(old_parties.get(key), language),
            _party_text(new_parties.get(key), language),
        )
        for key in list(new_parties) + [k for k in old_parties if k not in new_parties]
    ]
    old_items = {r["id"]: r for r in before["responsibilities"]}
    new_items = {r["id"]: r for r in after["responsibilities"]}
    item_rows = [
        Row(
            (new_items.get(key) or old_items[key])["clause"] or f"#{key}",
            _responsibility_text(old_items.get(key), language),
            _responsibility_text(new_items.get(key), language),
        )
        for key in list(new_items) + [k for k in old_items if k not in new_items]
    ]
    return {"agreement": agreement_rows, "parties": party_rows, "responsibilities": item_rows}
