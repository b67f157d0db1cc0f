"""Wagtail's admin exports (here the site history report): CSV cells that start like a formula
are neutralised; XLSX cells are written as text, never as formulas."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.log_actions import log

from tests.factories import JurisdictionFactory

pytestmark = pytest.mark.django_db

LABEL = '=HYPERLINK("http://evil.example","x")'


@pytest.fixture
def logged(registrar):
    jurisdiction = JurisdictionFactory(name_en=LABEL, name_fr=LABEL)
    log(instance=jurisdiction, action="wagtail.create", user=registrar)
    return jurisdiction


def test_site_history_csv_neutralises_formula_labels_when_exported(registrar_client, logged):
    url = reverse("wagtailadmin_reports:site_history")
    response = registrar_client.get(url, {"export": "csv"})
    body = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(body)))
    labels = [row[1] for row in rows[1:]]
    assert labels == ["'" + LABEL]


def test_site_history_xlsx_keeps_formula_labels_as_text_when_exported(registrar_client, logged):
    url = reverse("wagtailadmin_reports:site_history")
    response = registrar_client.get(url, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cell = sheet.cell(row=2, column=2)
    assert (cell.value, cell.data_type) == (LABEL, "s")
