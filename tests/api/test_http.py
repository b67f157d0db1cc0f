"""HTTP behaviour of the API: ETag and 304, CORS open for reading, JSON errors with a message
for every 4xx, the schema and the documentation page served from this site."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(publish):
    return publish(title_en="Heliotrope published accord")


def test_304_when_etag_unchanged(client, agreement):
    path = f"/api/v1/agreements/{agreement.reference}"
    first = client.get(path)
    etag = first["ETag"]
    assert first.status_code == 200 and etag.startswith('"') and len(etag) == 66
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag


def test_200_with_new_etag_when_data_changed(client, agreement):
    path = "/api/v1/jurisdictions"
    etag = client.get(path)["ETag"]
    jurisdiction = agreement.parties.first().organization.jurisdiction
    jurisdiction.name_en = "Renamed Province"
    jurisdiction.save()
    changed = client.get(path, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "Renamed Province" in changed.content.decode()


def test_cors_open_when_reading(client, agreement):
    response = client.get("/api/v1/agreements", headers={"Origin": "https://example.org"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Expose-Headers"] == "ETag, Last-Modified"
    error = client.get("/api/v1/agreements/NOPE-404")
    assert error["Access-Control-Allow-Origin"] == "*"


def test_preflight_answered_without_body_when_options(client):
    response = client.options(
        "/api/v1/agreements",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"},
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/api/v1/agreements/NOPE-404", "No published agreement has this reference number."),
        ("/api/v1/agreements/nope", "Nothing public is found at this address."),
        ("/api/v1/unknown", "Nothing public is found at this address."),
        ("/api/v2/agreements", "Nothing public is found at this address."),
        ("/api/v1/jurisdictions/nowhere", "No jurisdiction has this identifier."),
        ("/api/v1/organizations/nobody", "No organisation has this identifier."),
        ("/api/v1/posts/999999", "No public post has this identifier."),
        ("/api/v1/people/999999", "No public person has this identifier."),
    ],
)
def test_json_404_with_message_when_nothing_there(client, agreement, path, message):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"message": message}


def test_version_number_404_when_no_such_version(client, agreement):
    response = client.get(f"/api/v1/agreements/{agreement.reference}/versions/7")
    assert response.status_code == 404
    assert response.json() == {
        "message": "This agreement has no published version with this number."
    }


@pytest.mark.parametrize(
    ("path", "location"),
    [
        ("/api/v1/agreements?page=abc", ["query", "page"]),
        ("/api/v1/agreements?page=0", ["query", "page"]),
        ("/api/v1/agreements?sort=sideways", ["query", "sort"]),
        ("/api/v1/agreements?q=" + "x" * 201, ["query", "q"]),
        ("/api/v1/memberships?person=99999999999999999999", ["query", "person"]),
        ("/api/v1/posts/99999999999999999999", ["path", "post_id"]),
    ],
)
def test_json_400_with_message_when_parameters_invalid(client, path, location):
    response = client.get(path)
    assert response.status_code == 400
    body = response.json()
    assert body["message"] == "Some parameters are not valid."
    assert body["errors"][0]["location"] == location


def test_json_400_when_null_character_in_address(client):
    response = client.get("/api/v1/agreements?q=a%00b")
    assert response.status_code == 400
    assert response.json() == {"message": "The request is not valid."}


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_json_405_when_writing(client, agreement, method):
    response = getattr(client, method)(f"/api/v1/agreements/{agreement.reference}")
    assert response.status_code == 405
    assert response.json() == {"message": "The API is read-only: only GET is allowed."}
    assert response["Allow"] == "GET"


def test_schema_lists_every_operation_when_fetched(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert sorted(schema["paths"]) == [
        "/api/v1/agreements",
        "/api/v1/agreements/{reference}",
        "/api/v1/agreements/{reference}/as-of/{date}",
        "/api/v1/agreements/{reference}/versions/{number}",
        "/api/v1/jurisdictions",
        "/api/v1/jurisdictions/{slug}",
        "/api/v1/memberships",
        "/api/v1/organizations",
        "/api/v1/organizations/{slug}",
        "/api/v1/people",
        "/api/v1/people/{person_id}",
        "/api/v1/posts",
        "/api/v1/posts/{post_id}",
    ]
    assert all(list(item) == ["get"] for item in schema["paths"].values())


def test_docs_page_loads_nothing_from_elsewhere_when_served(client):
    response = client.get("/api/v1/docs")
    body = response.content.decode()
    assert response.status_code == 200
    assert "/api/v1/agreements/{reference}/as-of/{date}" in body
    assert "An agreement as in force on a date" in body
    assert "<script" not in body and "http://" not in body and "https://" not in body
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_api_not_redirected_to_language_prefix_when_unknown(client):
    response = client.get("/api/v1/agreements/")
    assert response.status_code == 404
    assert response.json() == {"message": "Nothing public is found at this address."}


# --- Last-Modified, If-Modified-Since and HEAD --------------------------------------------------

DATA_PATHS = [
    "/api/v1/agreements",
    "/api/v1/agreements/{reference}",
    "/api/v1/agreements/{reference}/versions/1",
    "/api/v1/agreements/{reference}/as-of/2022-01-01",
    "/api/v1/jurisdictions",
    "/api/v1/jurisdictions/{jurisdiction}",
    "/api/v1/organizations",
    "/api/v1/organizations/{organization}",
    "/api/v1/posts",
    "/api/v1/posts/{post}",
    "/api/v1/people",
    "/api/v1/people/{person}",
    "/api/v1/memberships",
]


def _address(template, agreement):
    from jurisdictions.models import Appointment

    party = agreement.parties.select_related("organization__jurisdiction").first()
    appointment = Appointment.objects.filter(position=party.signatory_position).first()
    return template.format(
        reference=agreement.reference,
        jurisdiction=party.organization.jurisdiction.slug,
        organization=party.organization.slug,
        post=party.signatory_position_id,
        person=appointment.person_id,
    )


def _http_time(text):
    from django.utils.http import parse_http_date

    return parse_http_date(text)


@pytest.mark.parametrize("template", DATA_PATHS)
def test_last_modified_given_and_304_when_not_modified_since(client, agreement, template):
    path = _address(template, agreement)
    first = client.get(path)
    assert first.status_code == 200
    last_modified = first["Last-Modified"]
    assert last_modified.endswith(" GMT")
    again = client.get(path, headers={"If-Modified-Since": last_modified})
    assert again.status_code == 304
    assert again.content == b""
    assert again["Last-Modified"] == last_modified


def test_last_modified_is_latest_change_when_changed_today(client, agreement):
    from django.utils import timezone

    from jurisdictions.models import Jurisdiction

    jurisdiction = Jurisdiction.objects.first()
    jurisdiction.name_fr = "Province renommée"
    jurisdiction.save()  # the latest write of all
    changed = Jurisdiction.history.order_by("-history_date").first().history_date
    response = client.get("/api/v1/jurisdictions")
    assert _http_time(response["Last-Modified"]) == int(changed.timestamp())
    assert _http_time(response["Last-Modified"]) <= int(timezone.now().timestamp())


def test_last_modified_is_start_of_today_when_nothing_changed_since(agreement):
    import datetime

    from django.utils import timezone

    from opendata.api.last_modified import public_data_changed_at

    # Seen from a day with no write since (the data all dates from today's setup): midnight.
    later = timezone.localdate() + datetime.timedelta(days=3)
    midnight = timezone.make_aware(datetime.datetime.combine(later, datetime.time.min))
    assert public_data_changed_at(today=later) == midnight
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    latest = timezone.now()
    assert public_data_changed_at(today=yesterday) <= latest
    assert public_data_changed_at(today=yesterday) > latest - datetime.timedelta(minutes=5)


def test_200_when_modified_since_given_before_a_change(client, agreement):
    from django.utils.http import http_date

    path = "/api/v1/jurisdictions"
    last_modified = _http_time(client.get(path)["Last-Modified"])
    response = client.get(path, headers={"If-Modified-Since": http_date(last_modified - 1)})
    assert response.status_code == 200
    assert response.json()["count"] >= 1


def test_200_with_later_last_modified_when_data_changed_after(client, agreement):
    import datetime

    from django.utils import timezone
    from django.utils.http import http_date

    from jurisdictions.models import Jurisdiction

    path = "/api/v1/jurisdictions"
    # What the client saw: a copy from before the data last changed.
    earlier = int((timezone.now() - datetime.timedelta(hours=1)).timestamp())
    jurisdiction = Jurisdiction.objects.first()
    jurisdiction.name_en = "Renamed After"
    jurisdiction.save()
    response = client.get(path, headers={"If-Modified-Since": http_date(earlier)})
    assert response.status_code == 200
    assert "Renamed After" in response.content.decode()
    assert _http_time(response["Last-Modified"]) > earlier


def test_etag_wins_when_both_conditions_given(client, agreement):
    path = "/api/v1/jurisdictions"
    first = client.get(path)
    response = client.get(
        path,
        headers={"If-None-Match": '"not-the-etag"', "If-Modified-Since": first["Last-Modified"]},
    )
    assert response.status_code == 200


@pytest.mark.parametrize("template", DATA_PATHS)
def test_head_gives_get_headers_without_body_when_asked(client, agreement, template):
    path = _address(template, agreement)
    got = client.get(path)
    head = client.head(path)
    assert head.status_code == 200
    assert head.content == b""
    for header in ("Content-Type", "ETag", "Last-Modified", "Access-Control-Allow-Origin"):
        assert head[header] == got[header]
    assert head["Content-Length"] == str(len(got.content))


def test_head_304_when_etag_unchanged(client, agreement):
    path = f"/api/v1/agreements/{agreement.reference}"
    etag = client.get(path)["ETag"]
    response = client.head(path, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""


def test_head_json_404_headers_when_nothing_there(client, agreement):
    response = client.head("/api/v1/agreements/NOPE-404")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.content == b""


def test_no_last_modified_when_schema_fetched(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert "Last-Modified" not in response
    assert response.json()["info"]["version"] == "1"
