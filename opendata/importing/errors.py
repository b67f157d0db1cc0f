"""What goes wrong in an import, and the messages people read. Every problem is an `Issue`: where
it is in the file (a JSON path such as `$.agreements[3].parties[0].role`, or a CSV line and
column) and what is wrong. An import with any issue writes nothing: `ImportRefused` carries them
all."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

MAX_IMPORT_BYTES = 50_000_000

FILE_TOO_LARGE = _(
    "The file is {size} bytes; an import file must be smaller than {limit} bytes (50 MB). Split "
    "it into several files."
)
FILE_EMPTY = _("The file is empty.")
NOT_UTF8 = _(
    "The file is not UTF-8 text (byte {position} cannot be read). Save it as UTF-8 and try again."
)
UNKNOWN_FORMAT = _("Give a file ending in .json or .csv.")
BAD_JSON = _("This is not valid JSON: {error} (line {line}, column {column}).")
NOT_AN_OBJECT = _("Expected an object with lists of rows, e.g. {“agreements”: […]}.")
UNKNOWN_KEY = _("Unknown key “{key}”.")
MISSING_KEY = _("Required “{key}” is missing.")
# What a value should have been, one whole sentence per type.
EXPECTED_TEXT = _("Expected text.")
EXPECTED_NUMBER = _("Expected a whole number.")
EXPECTED_BOOLEAN = _("Expected true or false.")
EXPECTED_LIST = _("Expected a list.")
EXPECTED_OBJECT = _("Expected an object.")
BAD_DATE = _("“{value}” is not a date: write it as YYYY-MM-DD.")
BAD_CHOICE = _("“{value}” is not one of: {choices}.")
DUPLICATE = _("“{key}” is listed twice (first at {first}).")
NOT_A_PARTY = _("“{key}” is not a party to this agreement.")
# A reference to a row that neither the file nor the registry holds, one sentence per kind.
UNKNOWN_REFERENCE = {
    "jurisdiction": _(
        "Unknown jurisdiction “{key}”: it is neither in this file nor in the registry."
    ),
    "organisation": _(
        "Unknown organisation “{key}”: it is neither in this file nor in the registry."
    ),
    "person": _("Unknown person “{key}”: define the person in this file."),
    "position": _("Unknown position “{key}”: define the position in this file."),
    "service area": _(
        "Unknown service area “{key}”: it is neither in this file nor in the registry."
    ),
    "delivery channel": _(
        "Unknown delivery channel “{key}”: it is neither in this file nor in the registry."
    ),
    "governance body": _("Unknown governance body “{key}”: define the body in this file."),
    "agreement": _("Unknown agreement “{key}”: it is neither in this file nor in the registry."),
    "party": NOT_A_PARTY,
}
OWNER_OUTSIDE_PARTY = _(
    "The accountable position “{position}” does not belong to the responsible party "
    "“{organization}” or to one of its parent organisations."
)
SIGNATORY_OUTSIDE_PARTY = _(
    "The signatory position “{position}” does not belong to “{organization}” or to one of its "
    "parent organisations."
)
EXPIRY_NOT_AFTER_EFFECTIVE = _(
    "The expiry date {expiry} must be after the effective date {effective}."
)
ENDS_BEFORE_START = _("The appointment ends ({end}) before it starts ({start}).")
SIGNED_WITHOUT_EFFECTIVE = _("An agreement in the state “{state}” needs its effective date.")
CSV_FORMULA = _(
    "The cell starts with “{character}”, which spreadsheets run as a formula: remove it or "
    "start the text with another character."
)
CSV_MISSING_COLUMNS = _("Missing columns: {columns}.")
CSV_UNKNOWN_COLUMNS = _("Unknown columns: {columns}.")
CSV_BAD_PARTY = _("Write each party as organisation-slug:role, separated by “;” (got “{value}”).")
CSV_NO_ROWS = _("The CSV file has a header but no rows.")
JSON_NUMBER_TOO_LONG = _(
    "The file holds a number too long to read (more than 4300 digits): shorten it or write it as "
    "text."
)
JSON_TOO_DEEP = _("The file is nested too deeply to read: an import file needs only a few levels.")
CSV_UNREADABLE = _("This CSV cannot be read here: a cell is too long or badly quoted.")
NUMBER_TOO_LONG = _("This number is too long: use at most 9 digits.")
NUL_CHARACTER = _("The text holds a NUL character (\\x00), which the registry cannot store.")
AMENDMENT_NOT_SIGNABLE = _("This amendment cannot be signed: {reason}")
TOO_MANY_ISSUES = _("… and more problems not listed (only the first {limit} are shown).")
# Issues listed at most: past this, one last line says there are more.
MAX_ISSUES = 500
SIGNED_AGREEMENT_KEPT = _(
    "{reference} has signed versions: its content was left as signed (change it through an "
    "amendment)."
)

SNAPSHOT_DIGEST_DIFFERS = _(
    "The snapshot does not match its SHA-256 ({digest} computed, {given} given): the version "
    "was changed after it was exported."
)
SNAPSHOT_OF_ANOTHER = _(
    "The snapshot is version {number} of {reference}, not of this agreement and number."
)
NOT_AN_ARRAY = _("Expected a list of rows, as the registry's export writes them.")
NO_EXPORT_FILES = _(
    "The folder holds none of the export's files (jurisdictions.json, organizations.json, "
    "people.json, posts.json, memberships.json, agreements.json, versions.json)."
)
EXPORT_FILE_NEEDS = _(
    "{name} is read with {needs} from the same export: import the export's folder "
    "(import_agreements DIR)."
)
NOT_AN_EXPORT_ROW = _("This row is not in the export's shape ({error}).")


def field_path(path: str, name: str) -> str:
    """Where one field of a row is: `$.agreements[2].title_en`, or `line 7, column title_en`."""
    if name == "__all__":
        return path
    return f"{path}, column {name}" if path.startswith("line ") else f"{path}.{name}"


@dataclass(frozen=True)
class Issue:
    """One problem: where it is in the file and what is wrong."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ImportRefused(Exception):  # noqa: N818 (a refusal, not a programming error)
    """The file cannot be imported; nothing was written. `issues` lists every problem found."""

    def __init__(self, issues: list[Issue]):
        self.issues = list(issues)
        super().__init__("\n".join(str(issue) for issue in self.issues))


class Issues:
    """Collects issues while a file is read and checked."""

    def __init__(self):
        self.items: list[Issue] = []
        self.more = False

    def add(self, path: str, message, **params) -> None:
        if len(self.items) >= MAX_ISSUES:
            self.more = True
            return
        text = str(message).format(**params) if params else str(message)
        self.items.append(Issue(path=path, message=text))

    def raise_if_any(self) -> None:
        if self.items:
            more = [Issue(path="", message=str(TOO_MANY_ISSUES).format(limit=MAX_ISSUES))]
            raise ImportRefused(self.items + (more if self.more else []))

    def __bool__(self) -> bool:
        return bool(self.items)
