"""The French catalogues are complete, compiled and current: every message has a translation
that is neither fuzzy nor empty, with the same placeholders as the English; every `.mo` is what
compiling its `.po` gives; and every interface string in the code is in a catalogue (nothing to
extract that the catalogues lack, nothing left in them that the code no longer uses).

`make messages` fixes the last two: it extracts the strings and compiles the catalogues.
"""

import os
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]
# What `make messages` leaves out of extraction (keep the two lists the same).
NOT_EXTRACTED = (".venv", "node_modules", "tests", "benchmarks", "media", "static", "docs")
PLURAL_FORMS = "nplurals=2; plural=(n > 1);"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|\{\w*\}")
INSTALL_GETTEXT = "sudo apt-get install -y gettext"


def _catalogues(root: Path = ROOT) -> list[Path]:
    """Every `.po` under `root`, outside the folders that are not the project's code."""
    found = []
    for folder, subfolders, _files in os.walk(root):
        subfolders[:] = [
            name for name in subfolders if name not in NOT_EXTRACTED and not name.startswith(".")
        ]
        if Path(folder).name == "locale":
            found.extend(Path(folder).glob("*/LC_MESSAGES/*.po"))
    return sorted(found)


CATALOGUES = _catalogues()


def _name(po: Path) -> str:
    return str(po.relative_to(ROOT))


def _key(entry) -> tuple[str, str]:
    return (entry.msgctxt or "", entry.msgid)


def _translation(entry):
    if entry.msgid_plural:
        return tuple(entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural))
    return entry.msgstr


def test_catalogues_found_when_looking_for_them():
    names = {_name(po) for po in CATALOGUES}
    assert {
        "locale/fr/LC_MESSAGES/django.po",
        "agreements/locale/fr/LC_MESSAGES/django.po",
    } <= names


@pytest.mark.parametrize("po_path", CATALOGUES, ids=_name)
def test_no_message_untranslated_fuzzy_or_obsolete_when_catalogue_read(po_path):
    po = polib.pofile(str(po_path))
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    obsolete = [entry.msgid for entry in po.obsolete_entries()]
    assert not untranslated, f"{len(untranslated)} untranslated in {_name(po_path)}: {untranslated}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {_name(po_path)}: {fuzzy}"
    assert not obsolete, f"{len(obsolete)} obsolete in {_name(po_path)}: {obsolete}"
    assert po.metadata.get("Plural-Forms") == PLURAL_FORMS


@pytest.mark.parametrize("po_path", CATALOGUES, ids=_name)
def test_translations_keep_the_placeholders_when_catalogue_read(po_path):
    wrong = []
    for entry in polib.pofile(str(po_path)).translated_entries():
        if entry.msgid_plural:
            allowed = set(PLACEHOLDER.findall(entry.msgid + entry.msgid_plural))
            for text in entry.msgstr_plural.values():
                if not set(PLACEHOLDER.findall(text)) <= allowed:
                    wrong.append((entry.msgid, text))
            # The plural form (n > 1) says the count: it must keep every placeholder.
            last = entry.msgstr_plural[max(entry.msgstr_plural)]
            if set(PLACEHOLDER.findall(last)) != set(PLACEHOLDER.findall(entry.msgid_plural)):
                wrong.append((entry.msgid_plural, last))
        elif sorted(PLACEHOLDER.findall(entry.msgid)) != sorted(PLACEHOLDER.findall(entry.msgstr)):
            wrong.append((entry.msgid, entry.msgstr))
    assert not wrong, f"placeholders changed in {_name(po_path)}: {wrong}"


@pytest.mark.parametrize("po_path", CATALOGUES, ids=_name)
def test_mo_holds_exactly_the_po_when_compiled(po_path):
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{_name(mo_path)} is missing: run `make messages`"
    po = polib.pofile(str(po_path))
    mo = polib.mofile(str(mo_path))
    expected = {
        _key(entry): _translation(entry)
        for entry in po
        if entry.translated() and not entry.obsolete and "fuzzy" not in entry.flags
    }
    compiled = {_key(entry): _translation(entry) for entry in mo}
    stale = sorted(
        key for key in expected.keys() | compiled.keys() if expected.get(key) != compiled.get(key)
    )
    assert not stale, (
        f"{_name(mo_path)} is not compiled from its .po (run `make messages`): {stale}"
    )
    assert mo.metadata.get("Plural-Forms") == po.metadata.get("Plural-Forms")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """A copy of the code, with the catalogues `makemessages` makes from it today."""
    for program in ("xgettext", "msgmerge", "msguniq"):
        if shutil.which(program) is None:
            pytest.fail(
                f"{program} (GNU gettext) is needed to extract messages. "
                f"Install it with: {INSTALL_GETTEXT}",
                pytrace=False,
            )
    copy = tmp_path_factory.mktemp("extract") / "src"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            *NOT_EXTRACTED, ".*", "__pycache__", "*.sqlite3", "*.png", "*.pdf", "*.ttf"
        ),
    )
    with (
        pytest.MonkeyPatch.context() as patch,
        override_settings(LOCALE_PATHS=[copy / "locale"]),
    ):
        patch.chdir(copy)
        call_command(
            "makemessages",
            locale=["fr"],
            add_location="file",
            no_obsolete=True,
            ignore_patterns=list(NOT_EXTRACTED),
            verbosity=0,
        )
    return copy


@pytest.mark.parametrize("po_path", CATALOGUES, ids=_name)
def test_catalogue_holds_every_string_of_the_code_when_extracted_afresh(po_path, extracted):
    fresh_path = extracted / po_path.relative_to(ROOT)
    assert fresh_path.exists(), f"makemessages no longer writes {_name(po_path)}"
    fresh = {_key(entry) for entry in polib.pofile(str(fresh_path)) if not entry.obsolete}
    current = {_key(entry) for entry in polib.pofile(str(po_path)) if not entry.obsolete}
    missing, unused = sorted(fresh - current), sorted(current - fresh)
    assert not missing, f"not in {_name(po_path)} yet (run `make messages`): {missing}"
    assert not unused, f"no longer in the code, still in {_name(po_path)}: {unused}"


def test_no_catalogue_appears_when_extracted_afresh(extracted):
    """A string in a new place (an app with its own new locale directory) has a catalogue."""
    made = {str(path.relative_to(extracted)) for path in _catalogues(extracted)}
    assert made == {_name(po) for po in CATALOGUES}
