"""Security events are logged with who, when and from where, and never with a secret."""

import logging
import re
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse
from simple_history.models import HistoricalRecords

from agreements.models import Agreement
from agreements.services import lifecycle as services
from registry.security_log import log_security_event
from tests.factories import OrganizationFactory, UserFactory, agreement_ready

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
WRONG_PASSWORD = "Tr0ub4dor&3-not-this-one"
CLIENT_IP = "203.0.113.7"
TIME = re.compile(r" time=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ ")


def security_lines(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == "registry.security"]


def event_lines(caplog, event: str) -> list[str]:
    return [line for line in security_lines(caplog) if line.startswith(f"security event={event} ")]


@pytest.fixture
def officer(liaison_officer_of):
    """A liaison officer: may use the staff admin, without two-factor authentication."""
    return liaison_officer_of(OrganizationFactory(), username="alice")


@pytest.fixture
def on_request():
    """Serve the next lines as if inside a web request from CLIENT_IP by `user` (as
    simple-history's HistoryRequestMiddleware records it)."""

    def enter(user):
        request = RequestFactory().get("/admin/", REMOTE_ADDR=CLIENT_IP)
        request.user = user
        HistoricalRecords.context.request = request
        return request

    yield enter
    if hasattr(HistoricalRecords.context, "request"):
        del HistoricalRecords.context.request


def test_sign_in_logged_with_user_time_and_address_when_password_right(client, caplog, officer):
    client.post(
        reverse("wagtailadmin_login"),
        {"username": "alice", "password": PASSWORD},
        REMOTE_ADDR=CLIENT_IP,
    )
    [line] = event_lines(caplog, "login")
    assert f" user=alice#{officer.pk} ip={CLIENT_IP}" in line
    assert TIME.search(line)
    assert PASSWORD not in caplog.text


def test_failed_sign_in_logged_without_password_when_password_wrong(client, caplog, officer):
    client.post(
        reverse("wagtailadmin_login"),
        {"username": "alice", "password": WRONG_PASSWORD},
        REMOTE_ADDR=CLIENT_IP,
    )
    [line] = event_lines(caplog, "login_failed")
    assert line.endswith(f" user=- ip={CLIENT_IP} username=alice")
    assert TIME.search(line)
    assert WRONG_PASSWORD not in caplog.text
    assert not event_lines(caplog, "login")


def test_sign_out_logged_with_user_when_staff_signs_out(client, caplog, officer):
    client.force_login(officer)
    client.post(reverse("wagtailadmin_logout"), REMOTE_ADDR=CLIENT_IP)
    [line] = event_lines(caplog, "logout")
    assert f" user=alice#{officer.pk} ip={CLIENT_IP}" in line


def test_forged_second_line_escaped_when_user_name_holds_newline(client, caplog):
    forged = "mallory\nsecurity event=login user=registrar#1 ip=10.0.0.1"
    client.post(
        reverse("wagtailadmin_login"),
        {"username": forged, "password": WRONG_PASSWORD},
        REMOTE_ADDR=CLIENT_IP,
    )
    [line] = event_lines(caplog, "login_failed")
    assert "\n" not in line
    assert "mallory" not in line
    assert re.search(r" username=unknown:[0-9a-f]{12}$", line)
    assert not event_lines(caplog, "login")


def test_typed_name_fingerprinted_when_no_account_has_it(client, caplog, officer):
    """A password typed into the user-name box must not reach the log."""
    client.post(
        reverse("wagtailadmin_login"),
        {"username": WRONG_PASSWORD, "password": PASSWORD},
        REMOTE_ADDR=CLIENT_IP,
    )
    [line] = event_lines(caplog, "login_failed")
    assert WRONG_PASSWORD not in caplog.text
    assert re.search(r" username=unknown:[0-9a-f]{12}$", line)


def test_group_member_added_logged_with_actor_and_address_when_groups_change(
    caplog, officer, on_request
):
    registrar = UserFactory(username="reg")
    liaison = Group.objects.create(name="Service New Brunswick: liaison officers")
    on_request(registrar)
    officer.groups.add(liaison)
    [line] = event_lines(caplog, "group_member_added")
    assert line.endswith(
        f" user=reg#{registrar.pk} ip={CLIENT_IP} member=alice "
        'groups="Service New Brunswick: liaison officers"'
    )


def test_group_member_removed_logged_when_member_removed_from_group_side(
    caplog, officer, on_request
):
    liaison = Group.objects.create(name="liaison")
    officer.groups.add(liaison)
    on_request(UserFactory(username="reg"))
    liaison.user_set.remove(officer)
    [line] = event_lines(caplog, "group_member_removed")
    assert line.endswith(" member=alice groups=liaison")


def test_every_group_logged_when_groups_cleared(caplog):
    officer = UserFactory(username="alice")
    officer.groups.add(Group.objects.create(name="b"), Group.objects.create(name="a"))
    officer.groups.clear()
    [line] = event_lines(caplog, "group_member_removed")
    assert line.endswith(" user=- ip=- member=alice groups=a,b")


def test_transition_logged_with_actor_when_lifecycle_move_commits(
    registrar, caplog, django_capture_on_commit_callbacks, on_request
):
    agreement = agreement_ready(state=Agreement.State.DRAFT, reference="SNB-2025-001")
    on_request(registrar)
    with django_capture_on_commit_callbacks(execute=True):
        services.agreement_open_negotiation(agreement=agreement, by=registrar)
    [line] = event_lines(caplog, "agreement_transition")
    assert line.endswith(
        f" user=registrar#{registrar.pk} ip={CLIENT_IP} agreement=SNB-2025-001 "
        "from_state=draft to_state=negotiation"
    )


def test_transition_not_logged_when_move_refused(caplog, django_capture_on_commit_callbacks):
    agreement = agreement_ready(state=Agreement.State.DRAFT)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        services.agreement_open_negotiation(agreement=agreement, by=UserFactory())
    assert not event_lines(caplog, "agreement_transition")


def test_secret_details_redacted_when_passed_to_the_logger(caplog):
    log_security_event(
        "2fa_enrolled",
        user=SimpleNamespace(is_authenticated=True, pk=7, get_username=lambda: "bob"),
        password="hunter2",
        token="9f86d081884c7d65",
        otp_code="123456",
        recovery_codes=["aaaa-bbbb", "cccc-dddd"],
        device="Authenticator app",
    )
    [line] = security_lines(caplog)
    assert line.endswith(
        " user=bob#7 ip=- password=[redacted] token=[redacted] otp_code=[redacted] "
        'recovery_codes=[redacted] device="Authenticator app"'
    )
    for secret in ("hunter2", "9f86d081884c7d65", "123456", "aaaa-bbbb"):
        assert secret not in caplog.text


def test_events_written_at_info_when_root_logs_warnings_only(caplog):
    # No caplog.at_level: the settings' LOGGING must let INFO through for this logger.
    assert logging.getLogger().level == logging.WARNING
    log_security_event("import_finished", rows=12)
    [line] = security_lines(caplog)
    assert line.startswith("security event=import_finished time=")
    assert line.endswith(" user=- ip=- rows=12")


def test_forwarded_address_used_when_one_trusted_proxy(settings, caplog):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.1, " + CLIENT_IP
    )
    log_security_event("login_failed", request=request)
    [line] = security_lines(caplog)
    assert f" ip={CLIENT_IP}" in line


def test_forwarded_header_ignored_when_no_trusted_proxy(settings, caplog):
    settings.TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=CLIENT_IP)
    log_security_event("login_failed", request=request)
    [line] = security_lines(caplog)
    assert " ip=10.0.0.2" in line
