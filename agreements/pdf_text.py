"""The words printed in the registry's PDFs, in English and French. Pure functions: no database,
no reportlab, no gettext.

The fixed labels live here as a dictionary rather than in the gettext catalogue on purpose: a
signed agreement's PDF must come out byte for byte the same whenever it is rendered (its SHA-256
is published), so its wording cannot depend on whether `compilemessages` ran or on a later edit
of the site's translations. Changing a label here changes PDFs rendered from then on; PDFs
already stored keep their bytes. Choice labels (agreement type, party role, level…) come from
the snapshot, which froze them in both languages when the version was signed.
"""

import datetime
from typing import Any

from registry.dates import long_date

LANGUAGES = ("en", "fr")
OTHER_LANGUAGE = {"en": "fr", "fr": "en"}


# French puts a no-break space before a colon; "{colon}" in a label stands for it.
COLON = {"en": ":", "fr": "\u00a0:"}

LABELS: dict[str, dict[str, str]] = {
    # Cover and running text
    "registry": {
        "en": "Intergovernmental agreement registry",
        "fr": "Registre des ententes intergouvernementales",
    },
    "reference": {"en": "Reference", "fr": "Référence"},
    "producer": {
        "en": "Intergovernmental agreement registry (ReportLab)",
        "fr": "Registre des ententes intergouvernementales (ReportLab)",
    },
    "between": {"en": "Between the parties", "fr": "Entre les parties"},
    "verify_heading": {"en": "Verifying this document", "fr": "Vérifier ce document"},
    "verify_fingerprint": {
        "en": "The content of version {number} of agreement {reference}, as signed, has this "
        "SHA-256 fingerprint:",
        "fr": "Le contenu de la version {number} de l’entente {reference}, tel que signé, a "
        "l’empreinte SHA-256 suivante{colon}",
    },
    "verify_where": {
        "en": "To check this fingerprint, or the fingerprint of this file, scan the code or "
        "visit the registry’s verification page:",
        "fr": "Pour vérifier cette empreinte, ou l’empreinte de ce fichier, balayez le code ou "
        "consultez la page de vérification du registre{colon}",
    },
    "numbered": {"en": "{number}. {title}", "fr": "{number}. {title}"},
    "version_line": {
        "en": "Version {number}, in effect from {date}",
        "fr": "Version {number}, en vigueur à compter du {date}",
    },
    "original": {"en": "Original agreement", "fr": "Entente initiale"},
    "amendment": {"en": "Amendment {number}", "fr": "Modification nº {number}"},
    "agreement_type": {"en": "Type of agreement", "fr": "Type d’entente"},
    "parties": {"en": "Parties", "fr": "Parties"},
    "party": {"en": "Party", "fr": "Partie"},
    "role": {"en": "Role", "fr": "Rôle"},
    "jurisdiction": {"en": "Jurisdiction", "fr": "Gouvernement"},
    "level": {"en": "Level of government", "fr": "Ordre de gouvernement"},
    "standing": {"en": "Standing", "fr": "Qualité"},
    "financial_terms": {"en": "Financial terms", "fr": "Modalités financières"},
    "funder_to_recipient": {"en": "Funder → recipient", "fr": "Bailleur de fonds → bénéficiaire"},
    "amount": {"en": "Amount", "fr": "Montant"},
    "period": {"en": "Period", "fr": "Période"},
    "financial_purpose": {"en": "For", "fr": "Objet"},
    "contents": {"en": "Contents", "fr": "Table des matières"},
    "only_in": {
        "en": "[Text available in French only]",
        "fr": "[Texte disponible en anglais seulement]",
    },
    "footer": {
        "en": "{reference} · version {number} · page {page} of {pages}",
        "fr": "{reference} · version {number} · page {page} de {pages}",
    },
    "subject": {
        "en": "Agreement {reference}, version {number}, in effect from {date}",
        "fr": "Entente {reference}, version {number}, en vigueur à compter du {date}",
    },
    # Sections
    "purpose": {"en": "Recitals and purpose", "fr": "Préambule et objet"},
    "term": {"en": "Term and renewal", "fr": "Durée et renouvellement"},
    "services": {"en": "Services and delivery channels", "fr": "Services et modes de prestation"},
    "governance": {"en": "Governance", "fr": "Gouvernance"},
    "schedule": {"en": "Schedule of responsibilities", "fr": "Annexe des responsabilités"},
    "history": {"en": "Amendment history", "fr": "Historique des modifications"},
    "signatures": {"en": "Signatures", "fr": "Signatures"},
    # Purpose and term
    "summary": {"en": "Purpose", "fr": "Objet"},
    "recitals": {"en": "Recitals", "fr": "Préambule"},
    "recital_parties": {
        "en": "This agreement is made between the parties named on the first page, each in the "
        "role shown there.",
        "fr": "La présente entente est conclue entre les parties nommées en première page, "
        "chacune dans le rôle qui y est indiqué.",
    },
    "recital_amendment": {
        "en": "Amendment {number} takes effect on {date}. From that day, this version replaces "
        "the previous version of the agreement.",
        "fr": "La modification nº {number} entre en vigueur le {date}. À compter de cette date, "
        "la présente version remplace la version précédente de l’entente.",
    },
    "recital_term": {
        "en": "This version takes effect on {date}. The agreement expires on {end} unless it is "
        "renewed or ended earlier.",
        "fr": "La présente version entre en vigueur le {date}. L’entente expire le {end}, sauf "
        "si elle est renouvelée ou prend fin plus tôt.",
    },
    "recital_open_ended": {
        "en": "This version takes effect on {date}. The agreement has no fixed expiry date.",
        "fr": "La présente version entre en vigueur le {date}. L’entente n’a pas de date "
        "d’expiration fixe.",
    },
    "recital_schedule": {
        "en": "The parties agree to carry out the responsibilities set out in the schedule of "
        "responsibilities (section {number}), each under the position accountable for it.",
        "fr": "Les parties conviennent d’exécuter les responsabilités énoncées à l’annexe des "
        "responsabilités (section {number}), chacune sous l’autorité du poste qui en est "
        "responsable.",
    },
    "amendment_purpose": {"en": "Purpose of this amendment", "fr": "Objet de la modification"},
    "no_summary": {"en": "No summary was recorded.", "fr": "Aucun résumé n’a été inscrit."},
    "related": {"en": "Related agreements", "fr": "Ententes connexes"},
    "signed_date": {"en": "Signed", "fr": "Date de signature"},
    "effective_date": {"en": "Effective date", "fr": "Date d’entrée en vigueur"},
    "expiry_date": {"en": "Expiry date", "fr": "Date d’expiration"},
    "next_review_date": {"en": "Next review", "fr": "Prochain examen"},
    "notice_period_days": {"en": "Notice period", "fr": "Délai de préavis"},
    "days": {"en": "{count} days", "fr": "{count} jours"},
    "renewal_terms": {"en": "Renewal terms", "fr": "Modalités de renouvellement"},
    "open_ended": {"en": "Open-ended", "fr": "Durée indéterminée"},
    "not_set": {"en": "Not set", "fr": "Non précisé"},
    "none": {"en": "None", "fr": "Aucun"},
    "service_areas": {"en": "Service areas", "fr": "Secteurs de service"},
    "delivery_channels": {"en": "Delivery channels", "fr": "Modes de prestation"},
    # Governance
    "governing_body": {"en": "Governing body", "fr": "Organe directeur"},
    "no_governing_body": {
        "en": "No governing body is named in this agreement.",
        "fr": "Aucun organe directeur n’est désigné dans cette entente.",
    },
    "mandate": {"en": "Mandate", "fr": "Mandat"},
    "meeting_frequency": {"en": "Meetings", "fr": "Réunions"},
    "chair": {"en": "Chair", "fr": "Présidence"},
    "members": {"en": "Members", "fr": "Membres"},
    "position": {"en": "Position", "fr": "Poste"},
    "organization": {"en": "Organisation", "fr": "Organisation"},
    "holder_on": {"en": "Holder on {date}", "fr": "Titulaire au {date}"},
    "vacant": {"en": "Vacant", "fr": "Vacant"},
    "acting": {"en": "acting", "fr": "par intérim"},
    # Schedule
    "clause": {"en": "Clause", "fr": "Article"},
    "responsibility": {"en": "Responsibility", "fr": "Responsabilité"},
    "responsible_party": {"en": "Responsible party", "fr": "Partie responsable"},
    "accountable": {
        "en": "Accountable position (holder on {date})",
        "fr": "Poste responsable (titulaire au {date})",
    },
    "service_standard": {"en": "Service standard", "fr": "Norme de service"},
    "due": {"en": "Due date or recurrence", "fr": "Échéance ou périodicité"},
    "first_due": {"en": "first due {date}", "fr": "première échéance le {date}"},
    "no_owner": {"en": "No accountable position", "fr": "Aucun poste responsable"},
    "standard_line": {"en": "Service standard: {text}", "fr": "Norme de service{colon} {text}"},
    "due_line": {"en": "Due: {text}", "fr": "Échéance{colon} {text}"},
    "no_responsibilities": {
        "en": "No responsibilities are recorded in this version.",
        "fr": "Aucune responsabilité n’est inscrite dans cette version.",
    },
    # History
    "version": {"en": "Version {number}", "fr": "Version {number}"},
    "in_effect_from": {"en": "in effect from {date}", "fr": "en vigueur à compter du {date}"},
    "no_changes": {"en": "No changes recorded.", "fr": "Aucun changement inscrit."},
    "first_version": {
        "en": "The agreement as first signed.",
        "fr": "L’entente telle que signée initialement.",
    },
    "change": {
        "en": "{field}{colon} {before} → {after}",
        "fr": "{field}{colon} {before} → {after}",
    },
    "party_joined": {"en": "Party joined: {name}", "fr": "Nouvelle partie{colon} {name}"},
    "party_left": {"en": "Party left: {name}", "fr": "Partie retirée{colon} {name}"},
    "party_changed": {"en": "Party {name}: {changes}", "fr": "Partie {name}{colon} {changes}"},
    "added": {
        "en": "Responsibility added ({clause}): {text}",
        "fr": "Responsabilité ajoutée ({clause}){colon} {text}",
    },
    "removed": {
        "en": "Responsibility removed ({clause}): {text}",
        "fr": "Responsabilité retirée ({clause}){colon} {text}",
    },
    "reworded": {
        "en": "Responsibility reworded ({clause}): {text}",
        "fr": "Responsabilité reformulée ({clause}){colon} {text}",
    },
    "changed": {
        "en": "Responsibility changed ({clause}): {changes}",
        "fr": "Responsabilité modifiée ({clause}){colon} {changes}",
    },
    "owner_changed": {
        "en": "Accountable position changed ({clause}): {before} → {after}",
        "fr": "Poste responsable changé ({clause}){colon} {before} → {after}",
    },
    # Field names used in change summaries
    "title": {"en": "Title", "fr": "Titre"},
    "type": {"en": "Type of agreement", "fr": "Type d’entente"},
    "visibility": {"en": "Visibility", "fr": "Visibilité"},
    "kind": {"en": "Kind", "fr": "Nature"},
    "status": {"en": "Status", "fr": "État"},
    "due_date": {"en": "Due date", "fr": "Échéance"},
    "recurrence": {"en": "Recurrence", "fr": "Périodicité"},
    "recurrence_anchor": {"en": "First due date", "fr": "Première échéance"},
    "signatory": {"en": "Signatory position", "fr": "Poste signataire"},
    # Signatures
    "signed_for": {"en": "For {name}", "fr": "Pour {name}"},
    "witness": {
        "en": "In witness whereof, the parties have signed this agreement.",
        "fr": "En foi de quoi, les parties ont signé la présente entente.",
    },
    "name": {"en": "Name", "fr": "Nom"},
    "date": {"en": "Date", "fr": "Date"},
    "signature": {"en": "Signature", "fr": "Signature"},
    "not_signed": {"en": "Not signed", "fr": "Non signée"},
    "no_signatories": {
        "en": "No party signs this agreement.",
        "fr": "Aucune partie ne signe cette entente.",
    },
    "signed_by_count": {
        "en": "Signed by {signed} of {signing} parties.",
        "fr": "Signée par {signed} des {signing} parties.",
    },
    "in_force_for": {
        "en": "In force for the parties that signed: {names}.",
        "fr": "En vigueur pour les parties signataires{colon} {names}.",
    },
    # Accountability brief
    "brief_title": {"en": "Accountability brief", "fr": "Note sur la responsabilisation"},
    "brief_for": {"en": "For {names}", "fr": "Pour {names}"},
    "brief_as_of": {"en": "As of {date}", "fr": "En date du {date}"},
    "brief_scope": {
        "en": "Includes: {names}",
        "fr": "Comprend{colon} {names}",
    },
    "brief_subject": {
        "en": "Accountability brief for {names}, {date}",
        "fr": "Note sur la responsabilisation pour {names}, {date}",
    },
    "brief_footer": {
        "en": "Accountability brief · {date} · page {page} of {pages}",
        "fr": "Note sur la responsabilisation · {date} · page {page} de {pages}",
    },
    "count_responsibilities": {"en": "Responsibilities", "fr": "Responsabilités"},
    "count_positions": {"en": "Accountable positions", "fr": "Postes responsables"},
    "count_overdue": {"en": "Overdue due dates", "fr": "Échéances dépassées"},
    "count_expiring": {
        "en": "Agreements expiring or at their notice deadline within {days} days",
        "fr": "Ententes qui expirent ou atteignent leur date limite de préavis d’ici {days} jours",
    },
    "count_unowned": {
        "en": "Responsibilities without an accountable holder",
        "fr": "Responsabilités sans titulaire responsable",
    },
    "overdue": {"en": "Overdue", "fr": "En retard"},
    "no_overdue": {"en": "Nothing is overdue.", "fr": "Aucune échéance n’est dépassée."},
    "expiring": {
        "en": "Agreements expiring within {days} days",
        "fr": "Ententes qui expirent d’ici {days} jours",
    },
    "no_expiring": {
        "en": "No agreement expires or reaches its notice deadline in that period.",
        "fr": "Aucune entente n’expire ni n’atteint sa date limite de préavis pendant cette période.",
    },
    "notice_deadline": {"en": "Notice deadline", "fr": "Date limite de préavis"},
    "unowned": {"en": "Without an accountable holder", "fr": "Sans titulaire responsable"},
    "no_unowned": {
        "en": "Every responsibility has an accountable position held by someone.",
        "fr": "Chaque responsabilité relève d’un poste occupé.",
    },
    "by_position": {
        "en": "Responsibilities by accountable position",
        "fr": "Responsabilités par poste responsable",
    },
    "no_positions": {
        "en": "These organisations are accountable for no responsibility in agreements in force.",
        "fr": "Ces organisations ne sont responsables d’aucune obligation dans les ententes en "
        "vigueur.",
    },
    "agreement": {"en": "Agreement", "fr": "Entente"},
    "next_due": {"en": "Next due", "fr": "Prochaine échéance"},
    "missed": {"en": "{count} overdue", "fr": "{count} en retard"},
    "nothing_due": {"en": "Nothing further due", "fr": "Aucune autre échéance"},
    "held_by": {"en": "Held by {names}", "fr": "Occupé par {names}"},
}


def label(key: str, language: str, **values: Any) -> str:
    """The label `key` in `language`, with `values` filled in."""
    return LABELS[key][language].format(colon=COLON[language], **values)


def format_date(value: str | datetime.date | None, language: str) -> str:
    """ "1 April 2021" / "1er avril 2021"; empty for no date. Accepts ISO strings (snapshots).
    The registry's one date formatter (registry.dates), so a PDF writes a date as the pages do."""
    return long_date(value, language)


def localized(texts: dict[str, str] | None, language: str) -> tuple[str, str | None]:
    """The text in `language`, or the other language's text with that language's code when only
    the other exists (so the caller can say so). ("", None) when there is no text at all."""
    texts = texts or {}
    own = (texts.get(language) or "").strip()
    if own:
        return own, None
    other = OTHER_LANGUAGE[language]
    fallback = (texts.get(other) or "").strip()
    return (fallback, other) if fallback else ("", None)


def plain(texts: dict[str, str] | None, language: str) -> str:
    """The text in `language`, falling back to the other language without a note (for names)."""
    return localized(texts, language)[0]


def choice_label(choice: dict | None, language: str) -> str:
    """A frozen choice `{"code", "label": {"en", "fr"}}` as text in `language`."""
    if not choice:
        return ""
    return plain(choice.get("label"), language) or str(choice.get("code", ""))


def holders_text(position: dict | None, language: str) -> str:
    """Who held a snapshot position: "Hon. Jane Doe, John Roe (acting)" or "Vacant"."""
    if not position:
        return ""
    names = [
        f"{holder['name']} ({label('acting', language)})"
        if holder.get("acting")
        else holder["name"]
        for holder in position.get("holders") or []
    ]
    return ", ".join(names) if names else label("vacant", language)


def organization_name(organization: dict | None, language: str) -> str:
    """ "Service New Brunswick (SNB)": the name with its acronym when there is one."""
    if not organization:
        return ""
    name = plain(organization.get("name"), language)
    acronym = plain(organization.get("acronym"), language)
    return f"{name} ({acronym})" if acronym and acronym != name else name


DATE_FIELDS = frozenset(
    {
        "signed_date",
        "effective_date",
        "expiry_date",
        "next_review_date",
        "due_date",
        "recurrence_anchor",
    }
)


def change_value(field: str, value: Any, language: str, choices: dict[str, dict]) -> str:
    """A value from a stored change summary as text. `choices` maps "field:code" to a frozen
    choice (from the snapshot) so codes print as labels."""
    if value is None or value == "" or value == []:
        return "—"
    if field in DATE_FIELDS and isinstance(value, str):
        return format_date(value, language)
    if field == "notice_period_days":
        return label("days", language, count=value)
    if isinstance(value, dict):
        for key in ("title", "name"):
            if key in value:
                return plain(value[key], language)
        if set(value) <= set(LANGUAGES):
            return plain(value, language) or "—"
        return ", ".join(str(item) for item in value.values())
    if isinstance(value, list):
        return ", ".join(change_value(field, item, language, choices) for item in value)
    if isinstance(value, str) and f"{field}:{value}" in choices:
        return choice_label(choices[f"{field}:{value}"], language)
    return str(value)


def _field_changes(changes: list[dict], language: str, choices: dict[str, dict]) -> str:
    return "; ".join(
        label(
            "change",
            language,
            field=label(change["field"], language)
            if change["field"] in LABELS
            else change["field"],
            before=change_value(change["field"], change.get("before"), language, choices),
            after=change_value(change["field"], change.get("after"), language, choices),
        )
        for change in changes
    )


def change_lines(summary: dict | None, language: str, choices: dict[str, dict]) -> list[str]:
    """One sentence per change in a version's stored change summary (agreements.changes)."""
    summary = summary or {}
    lines = []
    dates_and_terms = list(summary.get("dates_changed", [])) + list(
        summary.get("terms_changed", [])
    )
    if dates_and_terms:
        lines.extend(_field_changes([change], language, choices) for change in dates_and_terms)
    for party in summary.get("parties_joined", []):
        role = change_value("role", party.get("role"), language, choices)
        name = f"{plain(party.get('name'), language)} ({role})"
        lines.append(label("party_joined", language, name=name))
    for party in summary.get("parties_left", []):
        lines.append(label("party_left", language, name=plain(party.get("name"), language)))
    for party in summary.get("parties_changed", []):
        lines.append(
            label(
                "party_changed",
                language,
                name=plain(party.get("name"), language),
                changes=_field_changes(party.get("changes", []), language, choices),
            )
        )
    for key, item_key in (
        ("responsibilities_added", "added"),
        ("responsibilities_removed", "removed"),
    ):
        for item in summary.get(key, []):
            lines.append(
                label(
                    item_key,
                    language,
                    clause=item.get("clause") or "—",
                    text=plain(item.get("text"), language),
                )
            )
    for item in summary.get("responsibilities_reworded", []):
        lines.append(
            label(
                "reworded",
                language,
                clause=item.get("clause") or "—",
                text=plain(item.get("after"), language),
            )
        )
    for item in summary.get("responsibilities_changed", []):
        lines.append(
            label(
                "changed",
                language,
                clause=item.get("clause") or "—",
                changes=_field_changes(item.get("changes", []), language, choices),
            )
        )
    for item in summary.get("owners_changed", []):
        lines.append(
            label(
                "owner_changed",
                language,
                clause=item.get("clause") or "—",
                before=change_value("owner", item.get("before"), language, choices),
                after=change_value("owner", item.get("after"), language, choices),
            )
        )
    return lines


def snapshot_choices(snapshot: dict) -> dict[str, dict]:
    """Every frozen choice in a snapshot, as "field:code" → choice, for printing change codes."""
    found: dict[str, dict] = {}
    agreement = snapshot.get("agreement", {})
    for field in ("type", "visibility"):
        if agreement.get(field):
            found[f"{field}:{agreement[field]['code']}"] = agreement[field]
    for party in snapshot.get("parties", []):
        if party.get("role"):
            found[f"role:{party['role']['code']}"] = party["role"]
    for item in snapshot.get("responsibilities", []):
        for field in ("kind", "status", "recurrence"):
            if item.get(field):
                found[f"{field}:{item[field]['code']}"] = item[field]
    return found
