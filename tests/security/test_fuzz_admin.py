"""Every staff form and listing, sent hostile values by a registrar: no answer is a server error,
and a refused post writes nothing.

The forms are found, not listed: the create and edit pages of every registered viewset of the
registry's apps, the lifecycle page of agreements in each state (its transition and amendment
forms) and every GET form (search, filters) on those pages and on the listings and choosers, are
read from the HTML the registrar is shown. Each post runs in a savepoint rolled back afterwards, so
every request starts from the same data, and a post the site refused (no success message) must
not have changed the number of rows of any model, history and log entries included.
"""

import datetime
import re
from urllib.parse import urlencode, urlsplit

import pytest
from django.apps import apps
from django.contrib.messages import SUCCESS
from django.db import transaction
from django.urls import NoReverseMatch, get_resolver, reverse
from wagtail.admin.viewsets import viewsets as registered_viewsets
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.viewsets.model import ModelViewSet

from agreements.models import Agreement, AgreementRelation
from agreements.services.amendments import amendment_open, amendment_start_negotiation
from agreements.services.lifecycle import agreement_open_negotiation, agreement_submit_for_review
from jurisdictions.models import OrganizationSuccession
from tests.factories import (
    ApprovalStepFactory,
    GovernanceBodyFactory,
    OrganizationFactory,
    ServiceAreaFactory,
    agreement_into_force,
    agreement_ready,
)
from tests.security.fuzz_values import HOSTILE, ROTATION, Tally, report
from tests.security.html_forms import Form, forms_of

pytestmark = pytest.mark.django_db

REGISTRY_APPS = ("agreements", "jurisdictions")
COUNTED_APPS = ("agreements", "jurisdictions", "cms", "wagtailcore", "auth")
# Fields a browser fills in itself; hostile management-form counts are tried separately.
NOT_FUZZED = re.compile(r"csrfmiddlewaretoken|-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$")
# Forms that would end the session or leave the registry's own pages.
SKIPPED_ACTIONS = re.compile(r"logout|/account|/password|/two-factor|/otp")
# Read by Wagtail's listings and choosers: search, page number, sort order.
LISTING_PARAMETERS = ("q", "p", "ordering")
# Inline rows are the same form again: fuzz the first and the last row of each inline only.
ROW = re.compile(r"^(?P<prefix>.+)-(?P<index>\d+)-(?P<field>[^-]+)$")


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for app in COUNTED_APPS
        for model in apps.get_app_config(app).get_models()
    }


def _model_viewsets() -> list[ModelViewSet]:
    get_resolver().url_patterns  # noqa: B018 - the admin's URLs register the viewsets
    return [
        viewset
        for viewset in registered_viewsets.viewsets
        if isinstance(viewset, ModelViewSet) and viewset.model._meta.app_label in REGISTRY_APPS
    ]


def _url(viewset, name: str, *args) -> str | None:
    try:
        return reverse(viewset.get_url_name(name), args=args)
    except NoReverseMatch:
        return None


@pytest.fixture
def registry(registrar):
    """Rows of every registry model, and agreements in each lifecycle state, one with an open
    amendment."""
    draft = agreement_ready(title_en="Draft accord")
    draft.service_areas.add(ServiceAreaFactory())
    in_force = agreement_into_force(by=registrar, title_en="In force accord")
    AgreementRelation.objects.create(
        source=draft, kind=AgreementRelation.Kind.AMENDS, target=in_force
    )
    GovernanceBodyFactory(chair=draft.responsibilities.first().accountability_owner)
    ApprovalStepFactory(gate__jurisdiction=draft.parties.first().organization.jurisdiction)
    OrganizationSuccession.objects.create(
        predecessor=OrganizationFactory(), kind="dissolved", date=datetime.date(2025, 4, 1)
    )
    negotiation = agreement_open_negotiation(agreement=agreement_ready(), by=registrar)
    review = agreement_submit_for_review(
        agreement=agreement_open_negotiation(agreement=agreement_ready(), by=registrar),
        by=registrar,
    )
    amended = agreement_into_force(by=registrar, title_en="Amended accord")
    amendment_start_negotiation(
        amendment=amendment_open(agreement=amended, by=registrar, title_en="Amendment"),
        by=registrar,
    )
    return {
        "edit": draft,
        "lifecycle": [draft, negotiation, review, in_force, amended],
    }


@pytest.fixture
def staff_client(client, registrar):
    client.force_login(registrar)
    client.raise_request_exception = False
    return client


def _accepted(response) -> bool:
    """The site said it did what was asked (a success message), as opposed to re-showing the
    form or refusing with a message."""
    storage = getattr(response.wsgi_request, "_messages", None)
    queued = getattr(storage, "_queued_messages", [])
    return any(message.level == SUCCESS for message in queued)


class Fuzzer:
    """Sends hostile variants of forms and keeps the figures."""

    def __init__(self, client, counts: dict[str, int]):
        self.client, self.counts = client, counts
        self.tally = Tally()
        self.inputs = self.accepted = self.refused = 0
        self.unchanged_failures: list[str] = []
        self.seen: set[tuple] = set()

    def fresh(self, form: Form, page: str) -> bool:
        key = (form.method, urlsplit(form.action or page).path, tuple(form.names))
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def get(self, url: str, data: dict[str, list[str]], what: str) -> None:
        self.tally.check(self.client.get(f"{url}?{urlencode(data, doseq=True)}"), what)

    def post(self, url: str, data: dict[str, list[str]], what: str) -> None:
        with transaction.atomic():
            response = self.client.post(url, data)
            self.tally.check(response, what)
            if _accepted(response):
                self.accepted += 1
            else:
                self.refused += 1
                if _row_counts() != self.counts:
                    self.unchanged_failures.append(f"refused but wrote rows: {what}")
            transaction.set_rollback(True)

    def fuzz(self, form: Form, page: str) -> None:
        url = form.action or page
        send = self.post if form.method == "post" else self.get
        names = [n for n in form.names if not NOT_FUZZED.search(n)]
        # Each field alone (the others valid), with one of the values in turn; then every
        # field at once with each value.
        for index, name in enumerate(_one_row_each(names)):
            value = ROTATION[index % len(ROTATION)]
            self.inputs += 1
            send(url, form.data(**{name: value.text}), f"{form.method} {url} {name}={value.name}")
        for value in HOSTILE:
            self.inputs += 1
            changes = dict.fromkeys(names, value.text)
            send(url, form.data(**changes), f"{form.method} {url} all={value.name}")
        for name in form.names:
            if name.endswith("-TOTAL_FORMS"):
                # Not a huge count: Django then builds up to `absolute_max` (1,000+) forms, which
                # is slow by design rather than an error.
                for value in ("-1", "x", "1e400"):
                    self.inputs += 1
                    send(url, form.data(**{name: value}), f"{form.method} {url} {name}={value}")


def _one_row_each(names: list[str]) -> list[str]:
    rows: dict[tuple[str, str], list[int]] = {}
    for name in names:
        match = ROW.match(name)
        if match:
            rows.setdefault((match["prefix"], match["field"]), []).append(int(match["index"]))
    kept = []
    for name in names:
        match = ROW.match(name)
        if not match:
            kept.append(name)
            continue
        indexes = rows[(match["prefix"], match["field"])]
        if int(match["index"]) in (min(indexes), max(indexes)):
            kept.append(name)
    return kept


def _fuzz_page(fuzzer: Fuzzer, url: str, *, post: bool) -> int:
    response = fuzzer.client.get(url)
    fuzzer.tally.check(response, f"GET {url}")
    assert response.status_code == 200, url
    found = 0
    for form in forms_of(response.content.decode()):
        if SKIPPED_ACTIONS.search(form.action) or (form.method == "post" and not post):
            continue
        if form.fields and fuzzer.fresh(form, url):
            found += 1
            fuzzer.fuzz(form, url)
    return found


def _finish(fuzzer: Fuzzer, capsys, label: str, forms: int) -> None:
    assert fuzzer.tally.failures == []
    assert fuzzer.unchanged_failures == []
    report(
        capsys,
        label,
        inputs=fuzzer.inputs,
        tally=fuzzer.tally,
        extra=f"; {forms} forms, {fuzzer.refused} posts refused with nothing written, "
        f"{fuzzer.accepted} accepted",
    )


def test_no_server_error_when_a_create_or_edit_form_is_hostile(staff_client, registry, capsys):
    fuzzer = Fuzzer(staff_client, _row_counts())
    forms = 0
    pages = []
    for viewset in _model_viewsets():
        instance = registry["edit"] if viewset.model is Agreement else viewset.model.objects.first()
        pages += [_url(viewset, "add"), _url(viewset, "edit", instance.pk)]
    for url in filter(None, pages):
        forms += _fuzz_page(fuzzer, url, post=True)

    assert len(_model_viewsets()) >= 12
    assert forms >= len(_model_viewsets())
    _finish(fuzzer, capsys, "admin create and edit forms", forms)


def test_no_server_error_when_a_lifecycle_form_is_hostile(staff_client, registry, capsys):
    fuzzer = Fuzzer(staff_client, _row_counts())
    forms = 0
    for agreement in registry["lifecycle"]:
        url = reverse("agreement_lifecycle:overview", args=[agreement.pk])
        forms += _fuzz_page(fuzzer, url, post=True)

    assert forms >= 5
    _finish(fuzzer, capsys, "admin lifecycle and amendment forms", forms)


def test_no_server_error_when_a_listing_or_chooser_parameter_is_hostile(
    staff_client, registry, capsys
):
    fuzzer = Fuzzer(staff_client, _row_counts())
    pages = ["/admin/", "/admin/reports/site-history/", "/admin/accountability-briefs/"]
    for viewset in _model_viewsets():
        pages.append(_url(viewset, "index"))
    for viewset in registered_viewsets.viewsets:  # registered by _model_viewsets() above
        if isinstance(viewset, ChooserViewSet):
            pages.append(_url(viewset, "choose"))
    forms = 0
    for url in filter(None, pages):
        forms += _fuzz_page(fuzzer, url, post=False)
        # The parameters Wagtail's listings read without showing them in a form, all at once.
        for value in HOSTILE:
            fuzzer.inputs += 1
            data = {name: [value.text] for name in LISTING_PARAMETERS}
            fuzzer.get(url, data, f"GET {url} {LISTING_PARAMETERS}={value.name}")

    _finish(fuzzer, capsys, "admin listings, filters and choosers", forms)


def test_compare_and_version_views_refuse_hostile_numbers(staff_client, registry, capsys):
    fuzzer = Fuzzer(staff_client, _row_counts())
    agreement = registry["lifecycle"][3]
    base = reverse("agreement_lifecycle:overview", args=[agreement.pk])
    for value in HOSTILE:
        fuzzer.inputs += 1
        fuzzer.get(f"{base}compare/", {"from": [value.text], "to": ["1"]}, f"compare {value.name}")
        fuzzer.get(f"{base}compare/", {"to": [value.text]}, f"compare to {value.name}")
    for number in ("9223372036854775807", "99999999999999999999", "0"):
        fuzzer.inputs += 1
        path = f"{base}versions/{number}/"
        fuzzer.tally.check(staff_client.get(path), f"GET {path}")
        path = f"/admin/agreement-lifecycle/{number}/"
        fuzzer.tally.check(staff_client.get(path), f"GET {path}")
        path = f"/admin/agreements/edit/{number}/"
        fuzzer.tally.check(staff_client.get(path), f"GET {path}")

    _finish(fuzzer, capsys, "admin version numbers", 1)


def test_fuzzed_dates_are_well_formed_when_listed():
    """Guard on the values themselves: the date values really are impossible dates."""
    for value in HOSTILE:
        if "date" in value.name or "year" in value.name:
            with pytest.raises(ValueError):
                datetime.date.fromisoformat(value.text)
