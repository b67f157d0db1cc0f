"""The demo, loaded through the importer: real governments and public bodies, fictional officials,
illustrative agreements, as import files under `opendata/demo_data/` (docs/import-formats.md).

`demo_load(by=user)` reads every file of the folder in name order and imports them as one file:
one check of the whole, one transaction. Unlike `import_agreements`, an existing row is left as
it is by default, so loading the demo again (as `make run` does) never undoes what someone
changed in the admin; `refresh=True` brings existing demo rows back to the files.

Then the demo's activity (opendata.demo_activity, `opendata/demo_data/activity/`) is replayed
through the services: reports, reviews, approvals, signatures and a succession, so the
workspace of the demo logins has something to show. Its steps already done are skipped.
"""

import json
from dataclasses import dataclass, fields
from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from .demo_activity import ActivityReport, demo_activity_replay
from .importing import ImportData, ImportReport, import_rows
from .importing.parsing import parse_document

DEMO_DATA = Path(__file__).resolve().parent / "demo_data"
CHANGE_REASON = "Demo data (loaddemo)"


def demo_rows(folder: Path = DEMO_DATA) -> ImportData:
    """Every row of the demo files, in file order; each row's path names its file."""
    sections: dict[str, tuple] = {field.name: () for field in fields(ImportData)}
    for path in sorted(folder.glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        data = parse_document(document, root=f"{path.name}:$")
        for name in sections:
            sections[name] += getattr(data, name)
    return ImportData(**sections)


@dataclass
class DemoReport(ImportReport):
    """The import of the demo files (its counts and warnings), and the activity: what its own
    import created and the steps this load replayed (none when it was loaded before)."""

    activity: ActivityReport | None = None


@transaction.atomic
def demo_load(*, by: AbstractBaseUser, refresh: bool = False) -> DemoReport:
    """Load the demo data as `by` (a registrar: amendments are signed through the services),
    then replay its activity. Idempotent: a second run creates, changes and records nothing.
    Raises ImportRefused when the files hold a problem, or demo_activity.ActivityError when a
    step of the activity cannot be replayed (nothing is written then)."""
    rows = demo_rows()
    imported = import_rows(rows, by=by, refresh=refresh, reason=CHANGE_REASON)
    activity = demo_activity_replay(by=by, reason=CHANGE_REASON, known=rows)
    return DemoReport(
        tallies=imported.tallies,
        warnings=imported.warnings,
        activity=activity,
    )
