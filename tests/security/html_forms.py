"""The forms of an HTML page as a browser would submit them (for the fuzz tests)."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    method: str
    action: str
    fields: list[tuple[str, str]] = field(default_factory=list)  # as submitted, in order
    files: set[str] = field(default_factory=set)
    hidden: set[str] = field(default_factory=set)

    @property
    def names(self) -> list[str]:
        return list(dict.fromkeys(name for name, _value in self.fields))

    def data(self, **changes) -> dict[str, list[str]]:
        """What the browser would post, with `changes` replacing whole fields."""
        values: dict[str, list[str]] = {}
        for name, value in self.fields:
            values.setdefault(name, []).append(value)
        for name, value in changes.items():
            values[name] = [value]
        return values


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: tuple[str, bool, list[str], list[str]] | None = None
        self.textarea: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.form = Form((a.get("method") or "get").lower(), a.get("action") or "")
            self.forms.append(self.form)
            return
        if self.form is None or not a.get("name") or "disabled" in a:
            if tag == "option" and self.select is not None:
                self._option(a)
            return
        name = a["name"]
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                return
            if kind == "file":
                self.form.files.add(name)
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind == "hidden":
                self.form.hidden.add(name)
            self.form.fields.append((name, a.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "select":
            self.select = (name, "multiple" in a, [], [])
        elif tag == "textarea":
            self.textarea = (name, [])
        elif tag == "option" and self.select is not None:
            self._option(a)

    def _option(self, a):
        _name, _multiple, selected, options = self.select
        value = a.get("value", "")
        options.append(value)
        if "selected" in a:
            selected.append(value)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1].append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select" and self.select is not None and self.form is not None:
            name, multiple, selected, options = self.select
            chosen = selected if (selected or multiple) else options[:1]
            self.form.fields.extend((name, value) for value in chosen)
            self.select = None
        elif tag == "textarea" and self.textarea is not None and self.form is not None:
            name, parts = self.textarea
            self.form.fields.append((name, "".join(parts).removeprefix("\n")))
            self.textarea = None


def forms_of(html: str) -> list[Form]:
    parser = _Parser()
    parser.feed(html)
    return parser.forms
