"""Printable PDFs: the signed agreement and the minister's accountability brief. The only package
that imports reportlab (ruff's TID251 holds that line).

Modules by part:
- `layout`: page, fonts, styles, table cells that wrap without breaking names, tables, the
  canvas that numbers pages and writes the outline at save time, `build`;
- `cover`: the agreement's first page (parties, verification box with its QR code, contents);
- `sections`: recitals and purpose, term, services, governance, schedule, amendment history;
- `signatures`: a signature block per party;
- `agreement`: `render_agreement_pdf`, which puts those together;
- `brief`: `render_accountability_brief_pdf`.

Drawing works from plain data only (`agreements.documents`, `agreements.briefs`): no queries and
no request while drawing. Output is deterministic (see `layout`), and the fixed wording comes
from `agreements.pdf_text`, so the same version and language give the same bytes on any machine,
which is what lets the registry publish each PDF's SHA-256. The cover's verification address is
built from SITE_URL: a registry that changes its public address changes the PDFs rendered from
then on (those already stored keep their bytes).
"""

from agreements.pdf.agreement import render_agreement_pdf
from agreements.pdf.brief import render_accountability_brief_pdf

__all__ = ["render_accountability_brief_pdf", "render_agreement_pdf"]
