"""Malformed import files, each with the problems the importer must report (path, message)."""

from .conftest import as_json, valid_document

CSV_HEADER = "reference,agreement_type,state,title_en,parties,effective,expiry\n"


def _json(change):
    document = valid_document()
    change(document)
    return as_json(document)


def _agreement(index, **values):
    def change(document):
        document["agreements"][index].update(values)

    return change


def _set(path, value):
    def change(document):
        node = document
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return change


def _append(section, row):
    def change(document):
        document.setdefault(section, []).append(row)

    return change


def _first_party_signatory(document):
    document["agreements"][0]["parties"][0]["signatory"] = "access.director"


def _drop(path):
    def change(document):
        node = document
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    return change


def _unofficial_division_id(document):
    document["jurisdictions"][0]["ocd_division_id"] = "ocd-division/country:ca/province:zz"
    document["organizations"][1]["jurisdiction"] = "prince-edward-island"


def _three_problems(document):
    first = document["agreements"][0]
    first["state"] = "active"
    first["effective"] = "2022-02-30"
    document["organizations"][2]["kind"] = "club"


LONG_TITLE = "T" * 301

# name, file name, content
INPUTS = [
    ("bad_json", "a.json", b'{"agreements": ['),
    ("top_level_list", "a.json", b"[]"),
    ("unknown_section", "a.json", _json(_set(["treaties"], []))),
    ("section_not_a_list", "a.json", _json(_set(["agreements"], {"reference": "X"}))),
    ("row_not_an_object", "a.json", _json(_set(["people"], ["Marie Gallant"]))),
    ("missing_reference", "a.json", _json(_drop(["agreements", 0, "reference"]))),
    ("unknown_row_key", "a.json", _json(_agreement(0, signatories=[]))),
    ("notice_period_not_a_number", "a.json", _json(_agreement(0, notice_period_days="90"))),
    ("impossible_date", "a.json", _json(_agreement(0, effective="2022-02-30"))),
    ("date_in_wrong_format", "a.json", _json(_agreement(0, signed="01/12/2021"))),
    ("unknown_state", "a.json", _json(_agreement(0, state="active"))),
    (
        "unknown_party_role",
        "a.json",
        _json(_set(["agreements", 0, "parties", 1, "role"], "vendor")),
    ),
    (
        "unknown_organisation",
        "a.json",
        _json(_set(["agreements", 0, "parties", 1, "organization"], "access-nb")),
    ),
    (
        "unknown_jurisdiction",
        "a.json",
        _json(_set(["organizations", 0, "jurisdiction"], "ocd-division/country:ca/province:xx")),
    ),
    (
        "unknown_owner_position",
        "a.json",
        _json(_set(["agreements", 0, "responsibilities", 0, "owner"], "access.ceo")),
    ),
    ("unknown_person", "a.json", _json(_set(["positions", 0, "holders", 0, "person"], "p.nobody"))),
    (
        "unknown_service_area",
        "a.json",
        _json(_agreement(0, service_areas=["health-cards", "fishing"])),
    ),
    (
        "relation_to_unknown_agreement",
        "a.json",
        _json(_set(["agreements", 1, "relations", 0, "target"], "PEI-1999-001")),
    ),
    (
        "relation_to_itself",
        "a.json",
        _json(_set(["agreements", 1, "relations", 0, "target"], "PEI-2025-002")),
    ),
    ("duplicate_reference", "a.json", _json(_agreement(1, reference="PEI-2022-001", relations=[]))),
    ("duplicate_organisation", "a.json", _json(_set(["organizations", 2, "slug"], "pei-health"))),
    (
        "duplicate_party",
        "a.json",
        _json(_set(["agreements", 0, "parties", 1, "organization"], "pei-health")),
    ),
    (
        "duplicate_clause",
        "a.json",
        _json(_set(["agreements", 0, "responsibilities", 1, "clause"], "3.1")),
    ),
    ("expiry_before_effective", "a.json", _json(_agreement(0, expiry="2021-06-30"))),
    (
        "appointment_ends_before_start",
        "a.json",
        _json(_set(["positions", 1, "holders", 0, "end"], "2019-04-30")),
    ),
    ("in_force_without_effective_date", "a.json", _json(_drop(["agreements", 0, "effective"]))),
    (
        "responsible_party_not_a_party",
        "a.json",
        _json(_set(["agreements", 0, "responsibilities", 0, "party"], "pei-health-records")),
    ),
    (
        "owner_outside_party_organisation",
        "a.json",
        _json(_set(["agreements", 0, "responsibilities", 0, "owner"], "health.dm")),
    ),
    ("signatory_outside_party_organisation", "a.json", _json(_first_party_signatory)),
    (
        "recurring_without_anchor",
        "a.json",
        _json(_drop(["agreements", 0, "responsibilities", 1, "anchor"])),
    ),
    ("reference_in_wrong_format", "a.json", _json(_agreement(0, reference="pei 2022/1"))),
    ("title_too_long", "a.json", _json(_agreement(0, title_en=LONG_TITLE))),
    (
        "malformed_division_id",
        "a.json",
        _json(_set(["jurisdictions", 0, "ocd_division_id"], "ocd-division/canada")),
    ),
    (
        "division_id_not_in_official_list",
        "a.json",
        _json(_unofficial_division_id),
    ),
    ("every_problem_listed", "a.json", _json(_three_problems)),
    (
        "wrong_encoding",
        "a.json",
        '{"people": [{"handle": "p.l", "given_name": "Hélène", "family_name": "Léger"}]}'.encode(
            "latin-1"
        ),
    ),
    ("empty_file", "a.json", b"  \n"),
    ("unknown_extension", "a.xml", b"<agreements/>"),
    ("csv_missing_columns", "a.csv", b"reference,title_en\nPEI-1,Title\n"),
    (
        "csv_unknown_column",
        "a.csv",
        (CSV_HEADER.strip() + ",budget\nPEI-2022-009,mou,draft,T,pei-health:lead,,,100\n").encode(),
    ),
    (
        "csv_formula",
        "a.csv",
        (CSV_HEADER + 'PEI-2022-009,mou,draft,=HYPERLINK("http://x"),pei-health:lead,,\n').encode(),
    ),
    (
        "csv_bad_party_cell",
        "a.csv",
        (CSV_HEADER + "PEI-2022-009,mou,draft,Title,pei-health,,\n").encode(),
    ),
    (
        "csv_bad_date",
        "a.csv",
        (CSV_HEADER + "PEI-2022-009,mou,draft,Title,pei-health:lead,2022-31-01,\n").encode(),
    ),
    (
        "csv_unknown_organisation",
        "a.csv",
        (
            CSV_HEADER
            + "PEI-2022-009,mou,draft,Title,pei-health:lead,,\nPEI-2022-010,mou,draft,Title,nobody:lead,,\n"
        ).encode(),
    ),
    ("csv_header_only", "a.csv", CSV_HEADER.encode()),
]

# What the importer must answer to each input: every problem, with its place in the file.
EXPECTED = {
    "bad_json": [
        ("$", "This is not valid JSON: Expecting value (line 1, column 17)."),
    ],
    "top_level_list": [
        ("$", "Expected an object with lists of rows, e.g. {“agreements”: […]}."),
    ],
    "unknown_section": [
        ("$", "Unknown key “treaties”."),
    ],
    "section_not_a_list": [
        ("$.agreements", "Expected a list."),
    ],
    "row_not_an_object": [
        ("$.people[0]", "Expected an object."),
    ],
    "missing_reference": [
        ("$.agreements[0]", "Required “reference” is missing."),
    ],
    "unknown_row_key": [
        ("$.agreements[0]", "Unknown key “signatories”."),
    ],
    "notice_period_not_a_number": [
        ("$.agreements[0].notice_period_days", "Expected a whole number."),
    ],
    "impossible_date": [
        ("$.agreements[0].effective", "“2022-02-30” is not a date: write it as YYYY-MM-DD."),
    ],
    "date_in_wrong_format": [
        ("$.agreements[0].signed", "“01/12/2021” is not a date: write it as YYYY-MM-DD."),
    ],
    "unknown_state": [
        (
            "$.agreements[0].state",
            "“active” is not one of: draft, negotiation, review, approved, in_force, expired, terminated, superseded.",
        ),
    ],
    "unknown_party_role": [
        (
            "$.agreements[0].parties[1].role",
            "“vendor” is not one of: lead, party, delivery_partner, funder, observer.",
        ),
    ],
    "unknown_organisation": [
        (
            "$.agreements[0].parties[1]",
            "Unknown organisation “access-nb”: it is neither in this file nor in the registry.",
        ),
        ("$.agreements[0].responsibilities[0]", "“access-pei” is not a party to this agreement."),
    ],
    "unknown_jurisdiction": [
        (
            "$.organizations[0]",
            "Unknown jurisdiction “ocd-division/country:ca/province:xx”: it is neither in this file nor in the registry.",
        ),
    ],
    "unknown_owner_position": [
        (
            "$.agreements[0].responsibilities[0]",
            "Unknown position “access.ceo”: define the position in this file.",
        ),
    ],
    "unknown_person": [
        (
            "$.positions[0].holders[0]",
            "Unknown person “p.nobody”: define the person in this file.",
        ),
    ],
    "unknown_service_area": [
        (
            "$.agreements[0]",
            "Unknown service area “fishing”: it is neither in this file nor in the registry.",
        ),
    ],
    "relation_to_unknown_agreement": [
        (
            "$.agreements[1].relations[0]",
            "Unknown agreement “PEI-1999-001”: it is neither in this file nor in the registry.",
        ),
    ],
    "relation_to_itself": [
        ("$.agreements[1].relations[0]", "An agreement cannot be related to itself."),
    ],
    "duplicate_reference": [
        ("$.agreements[1]", "“PEI-2022-001” is listed twice (first at $.agreements[0])."),
    ],
    "duplicate_organisation": [
        ("$.organizations[2]", "“pei-health” is listed twice (first at $.organizations[0])."),
        (
            "$.positions[1]",
            "Unknown organisation “access-pei”: it is neither in this file nor in the registry.",
        ),
        (
            "$.agreements[0].parties[1]",
            "Unknown organisation “access-pei”: it is neither in this file nor in the registry.",
        ),
        (
            "$.agreements[1].parties[1]",
            "Unknown organisation “access-pei”: it is neither in this file nor in the registry.",
        ),
    ],
    "duplicate_party": [
        (
            "$.agreements[0].parties[1]",
            "“pei-health” is listed twice (first at $.agreements[0].parties[0]).",
        ),
        (
            "$.agreements[0].parties[1]",
            "The signatory position “access.director” does not belong to “pei-health” or to one of its parent organisations.",
        ),
        ("$.agreements[0].responsibilities[0]", "“access-pei” is not a party to this agreement."),
    ],
    "duplicate_clause": [
        (
            "$.agreements[0].responsibilities[1]",
            "“3.1” is listed twice (first at $.agreements[0].responsibilities[0]).",
        ),
    ],
    "expiry_before_effective": [
        (
            "$.agreements[0]",
            "The expiry date 2021-06-30 must be after the effective date 2022-01-01.",
        ),
    ],
    "appointment_ends_before_start": [
        (
            "$.positions[1].holders[0]",
            "The appointment ends (2019-04-30) before it starts (2019-05-01).",
        ),
    ],
    "in_force_without_effective_date": [
        ("$.agreements[0]", "An agreement in the state “in_force” needs its effective date."),
    ],
    "responsible_party_not_a_party": [
        (
            "$.agreements[0].responsibilities[0]",
            "“pei-health-records” is not a party to this agreement.",
        ),
    ],
    "owner_outside_party_organisation": [
        (
            "$.agreements[0].responsibilities[0]",
            "The accountable position “health.dm” does not belong to the responsible party “access-pei” or to one of its parent organisations.",
        ),
    ],
    "signatory_outside_party_organisation": [
        (
            "$.agreements[0].parties[0]",
            "The signatory position “access.director” does not belong to “pei-health” or to one of its parent organisations.",
        ),
    ],
    "recurring_without_anchor": [
        (
            "$.agreements[0].responsibilities[1]",
            "A recurring obligation needs its first due date (the anchor).",
        ),
    ],
    "reference_in_wrong_format": [
        (
            "$.agreements[1].relations[0]",
            "Unknown agreement “PEI-2022-001”: it is neither in this file nor in the registry.",
        ),
        (
            "$.agreements[0].reference",
            "Use 3 to 40 capital letters, digits, dots, slashes or hyphens, starting with a letter or digit, e.g. “SNB-2021-004”.",
        ),
    ],
    "title_too_long": [
        ("$.agreements[0].title_en", "Ensure this value has at most 300 characters (it has 301)."),
    ],
    "malformed_division_id": [
        (
            "$.organizations[1]",
            "Unknown jurisdiction “ocd-division/country:ca/province:pe”: it is neither in this file nor in the registry.",
        ),
        (
            "$.jurisdictions[0].ocd_division_id",
            "Enter an Open Civic Data division id such as “ocd-division/country:ca/province:nb” (lower-case type:id segments).",
        ),
    ],
    "division_id_not_in_official_list": [
        (
            "$.jurisdictions[0].ocd_division_id",
            "“ocd-division/country:ca/province:zz” is not in the official Open Civic Data list of "
            "division ids (opencivicdata/ocd-division-ids). Check its spelling, or leave it empty.",
        ),
    ],
    "every_problem_listed": [
        (
            "$.organizations[2].kind",
            "“club” is not one of: ministry, agency, crown_corporation, service_delivery, municipal_government, intergovernmental, private_partner, non_government, municipal_association, intermunicipal.",
        ),
        (
            "$.agreements[0].state",
            "“active” is not one of: draft, negotiation, review, approved, in_force, expired, terminated, superseded.",
        ),
        ("$.agreements[0].effective", "“2022-02-30” is not a date: write it as YYYY-MM-DD."),
    ],
    "wrong_encoding": [
        (
            "",
            "The file is not UTF-8 text (byte 46 cannot be read). Save it as UTF-8 and try again.",
        ),
    ],
    "empty_file": [
        ("", "The file is empty."),
    ],
    "unknown_extension": [
        ("", "Give a file ending in .json or .csv."),
    ],
    "csv_missing_columns": [
        ("line 1", "Missing columns: agreement_type, state, parties."),
    ],
    "csv_unknown_column": [
        ("line 1", "Unknown columns: budget."),
    ],
    "csv_formula": [
        (
            "line 2, column title_en",
            "The cell starts with “=”, which spreadsheets run as a formula: remove it or start the text with another character.",
        ),
    ],
    "csv_bad_party_cell": [
        (
            "line 2, column parties",
            "Write each party as organisation-slug:role, separated by “;” (got “pei-health”).",
        ),
    ],
    "csv_bad_date": [
        ("line 2, column effective", "“2022-31-01” is not a date: write it as YYYY-MM-DD."),
    ],
    "csv_unknown_organisation": [
        (
            "line 2, column parties[0]",
            "Unknown organisation “pei-health”: it is neither in this file nor in the registry.",
        ),
        (
            "line 3, column parties[0]",
            "Unknown organisation “nobody”: it is neither in this file nor in the registry.",
        ),
    ],
    "csv_header_only": [
        ("line 2", "The CSV file has a header but no rows."),
    ],
}
