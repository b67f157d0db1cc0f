"""An agreement form altered outside the page (a row id that is no id, a choice id too large for
the database) is shown again with a message, never a server error, and changes nothing."""

import pytest
from django.utils.html import escape

from agreements.models import Agreement, Party
from agreements.views.forms import UNREADABLE_ROW
from tests.factories import ServiceAreaFactory, agreement_ready
from tests.security.html_forms import forms_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def edit(registrar_client):
    agreement = agreement_ready(title_en="Tamper-proof accord")
    ServiceAreaFactory()
    url = f"/admin/agreements/edit/{agreement.pk}/"
    page = registrar_client.get(url).content.decode()
    form = next(f for f in forms_of(page) if f.method == "post" and "title_en" in f.names)
    return agreement, url, form


def _unchanged(agreement) -> bool:
    fresh = Agreement.objects.get(pk=agreement.pk)
    return fresh.title_en == "Tamper-proof accord" and Party.objects.count() == 2


def test_form_shown_again_with_a_message_when_a_row_id_is_not_an_id(registrar_client, edit):
    agreement, url, form = edit
    data = form.data(**{"parties-0-id": "not-an-id", "title_en": "Changed"})

    response = registrar_client.post(url, data)

    assert response.status_code == 200
    assert escape(str(UNREADABLE_ROW)) in response.content.decode()
    assert _unchanged(agreement)


def test_form_shown_again_with_a_message_when_a_choice_id_is_too_large(registrar_client, edit):
    agreement, url, form = edit
    huge = "99999999999999999999999999"
    data = form.data(service_areas=huge, title_en="Changed")

    response = registrar_client.post(url, data)

    assert response.status_code == 200
    assert f"“{huge}” is not a valid value." in response.content.decode()
    assert _unchanged(agreement)
