"""Bilingual labels as HTML without the template engine, for pages that show hundreds of them.

`label_html` gives exactly what the `bi` template filter (cms.templatetags.public_tags) gives for
a `LocalizedText`: the text, or, when it is in the other language, the text marked with its
language and followed by "(English only)" / "(French only)". Values are escaped with
`html.escape`, which is what Django's `escape` does underneath without its lazy-string checks.
"""

from html import escape

from django.utils.html import format_html

from cms.localizing import fallback_note, localize
from registry.bilingual import LocalizedText


def fallback_notes() -> dict[str, str]:
    """The notes after text in the other language, by that language (translated once)."""
    return {"en": fallback_note("en"), "fr": fallback_note("fr")}


def label_html(label, notes: dict[str, str]) -> str:
    """A label as the `bi` filter shows it; anything but a LocalizedText is shown as text."""
    if not isinstance(label, LocalizedText):
        return escape(str(label))
    if not label.is_fallback:
        return escape(label.text)
    return (
        f'<span lang="{escape(label.language)}">{escape(label.text)}</span> '
        f'<span class="fallback">{escape(notes[label.language])}</span>'
    )


def bi(value):
    """Bilingual text as HTML: marked with its language and "(English only)" when it is not in
    the page's language (the `bi` template filter)."""
    text = localize(value)
    if not text.is_fallback:
        return text.text
    return format_html(
        '<span lang="{}">{}</span> <span class="fallback">{}</span>',
        text.language,
        text.text,
        fallback_note(text.language),
    )
