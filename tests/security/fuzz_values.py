"""Hostile values for the fuzz tests, and a tally of what the site answered to them.

Each value is given as text (for form posts) and as it is written in a URL (for query strings
and paths), so that what cannot be text at all, such as a lone UTF-16 surrogate, is sent as the
raw bytes a hostile client would send.
"""

from dataclasses import dataclass, field
from urllib.parse import quote

SCRIPT = "<script>alert('fuzz')</script>"


@dataclass(frozen=True)
class Hostile:
    name: str
    text: str
    url: str = ""  # percent-encoded form; quote(text) when empty

    @property
    def in_url(self) -> str:
        return self.url or quote(self.text, safe="")


HOSTILE = [
    Hostile("long", "x" * 10_000),
    Hostile("null byte", "a\x00b"),
    Hostile("impossible date", "2021-02-30"),
    Hostile("five-digit year", "99999-01-01"),
    Hostile("minus one", "-1"),
    Hostile("huge integer", "9223372036854775807"),
    Hostile("huger integer", "99999999999999999999999999"),
    Hostile("overflowing float", "1e400"),
    Hostile("minus zero", "-0"),
    Hostile("html", SCRIPT),
    Hostile("lone surrogate", "\ufffd", url="%ED%A0%80"),
    Hostile("right-to-left override", "\u202egnp.exe"),
    Hostile("unicode digits", "²٣۴"),
    Hostile("path traversal", "../../../../etc/passwd"),
    Hostile("sql", "1' OR '1'='1"),
    Hostile("blank", "   "),
]
# A few values for each form field on its own; the whole list is also sent in every field at once.
PER_FIELD = [
    h for h in HOSTILE if h.name in ("long", "null byte", "huge integer", "lone surrogate")
]
# One value per field, in turn, where a form has many fields.
ROTATION = [
    h
    for h in HOSTILE
    if h.name in ("null byte", "long", "impossible date", "huge integer", "lone surrogate", "html")
]


@dataclass
class Tally:
    """Counts requests and collects every answer that is a server error or reflects markup."""

    requests: int = 0
    failures: list[str] = field(default_factory=list)

    def check(self, response, what: str) -> None:
        self.requests += 1
        if response.status_code >= 500:
            error = (getattr(response, "exc_info", None) or (None, None))[1]
            self.failures.append(f"{response.status_code} {what}: {error!r}")
            return
        if getattr(response, "streaming", False):
            try:
                b"".join(response.streaming_content)
            except Exception as error:  # noqa: BLE001 - a streamed body failing is a server error
                self.failures.append(f"500 {what} (while streaming: {error!r})")
            return
        html = "html" in response.get("Content-Type", "")
        if html and SCRIPT in response.content.decode(errors="replace"):
            self.failures.append(f"unescaped markup {what}")


def report(capsys, label: str, *, inputs: int, tally: Tally, extra: str = "") -> None:
    """One line in the test output with the figures, whatever pytest's capture settings."""
    errors = sum(1 for failure in tally.failures if failure[:1] == "5")
    with capsys.disabled():
        print(  # noqa: T201 - the figures are part of the test's output
            f"\n[fuzz] {label}: {inputs} hostile inputs, {tally.requests} requests, "
            f"{errors} responses >= 500{extra}"
        )
