"""Requests every cell of a part of the matrix for one role and lists the differences.

POST requests run in a savepoint that is rolled back, so the module's shared agreements stay as
the matrix describes them whatever a request did.
"""

import re
from urllib.parse import urlencode

from django.db import transaction
from django.test import Client
from django.urls import reverse

from cms.links import site_links
from tests.permissions.builders import World
from tests.permissions.matrix import (
    BACK,
    CANONICAL,
    DENIED,
    LISTED,
    LOGIN,
    MOVED,
    OK,
    UNLISTED,
    Url,
)

LIFECYCLE_PAGE = re.compile(r"^/admin/agreement-lifecycle/\d+/$")


def answer(response, *, canonical: str = "") -> str:
    if response.status_code == 301:
        location = response["Location"]
        return MOVED if canonical and location == canonical else f"301 → {location}"
    if response.status_code == 302:
        location = response["Location"]
        if canonical and location == canonical:
            return CANONICAL
        if location.startswith(reverse("wagtailadmin_login")):
            return LOGIN
        if location == reverse("wagtailadmin_home"):
            return DENIED
        if LIFECYCLE_PAGE.match(location):
            return BACK
        return f"302 → {location}"
    if response.status_code == 200 and _lifecycle_page_shown_again(response):
        return BACK
    return str(response.status_code)


def _lifecycle_page_shown_again(response) -> bool:
    """A lifecycle action whose form was refused shows the lifecycle page again, with the form
    as typed and its errors, instead of redirecting to it: the permission check passed."""
    shown = {template.name for template in getattr(response, "templates", [])}
    return (
        response.request.get("REQUEST_METHOD") == "POST"
        and "agreements/lifecycle/overview.html" in shown
    )


def expected_for(url: Url, role: str, stage=None, visibility=None, variant=()) -> str:
    cell = url.expected[role]
    if callable(cell):
        return cell(stage, visibility, variant)
    return cell[stage] if isinstance(cell, dict) else cell


def _target(world: World, kind: str, key):
    return {
        "agreement": world.agreements,
        "party": world.parties,
        "responsibility": world.responsibilities,
        "relation": world.relations,
    }[kind][key]


def _query(url: Url, world: World) -> str:
    if url.query == "{ids}":
        return urlencode([("id", agreement.pk) for agreement in world.agreements.values()])
    return url.query


def _with_query(path: str, query: str) -> str:
    return f"{path}?{query}" if query else path


def _request(client: Client, url: Url, path: str, *, method: str | None = None):
    if (method or url.method) == "GET":
        return client.get(path)
    with transaction.atomic():
        response = client.post(path, url.data)
        transaction.set_rollback(True)
    return response


def _body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def signed_in_client(world: World, role: str) -> Client:
    client = Client()
    user = world.cast.users[role]
    if user is not None:
        client.force_login(user)
    return client


def _listing(client, name, url, role, world, path) -> list[str]:
    response = _request(client, url, path)
    got = answer(response)
    body = _body(response) if got == OK else ""
    wrong = []
    for (stage, visibility), agreement in world.agreements.items():
        cell = got if got != OK else LISTED if agreement.reference in body else UNLISTED
        if cell != (want := expected_for(url, role, stage, visibility)):
            wrong.append(f"{url.method} {name} [{stage}/{visibility}]: expected {want}, got {cell}")
    return wrong


def matrix_differences(*, world: World, role: str, urls: dict[str, Url]) -> list[str]:
    """Every cell of `urls` for `role` whose answer differs from the matrix."""
    client = signed_in_client(world, role)
    links = site_links(None)
    wrong = []
    for name, url in urls.items():
        if url.target in (None, "party_organization"):
            if url.link is not None:
                path = url.link(links, world, None)
            else:
                args = [] if url.target is None else [world.cast.party.pk]
                path = reverse(name, args=args)
            path = _with_query(path, _query(url, world))
            if url.listing:
                wrong += _listing(client, name, url, role, world, path)
            elif (got := answer(_request(client, url, path))) != (want := expected_for(url, role)):
                wrong.append(f"{url.method} {name}: expected {want}, got {got}")
            continue
        for (stage, visibility), agreement in world.agreements.items():
            pk = _target(world, url.target, (stage, visibility)).pk
            canonical = links.agreement(agreement.reference)
            for variant in url.variants(stage) if url.variants else ((),):
                want = expected_for(url, role, stage, visibility, variant)
                if url.link is not None:
                    path = url.link(links, world, agreement)
                else:
                    path = reverse(name, args=[pk, *variant])
                path = _with_query(path, _query(url, world))
                cell = f"{name}{list(variant) if variant else ''} [{stage}/{visibility}]"
                got = answer(_request(client, url, path), canonical=canonical)
                if got != want:
                    wrong.append(f"{url.method} {cell}: expected {want}, got {got}")
                if url.writes and want != OK:
                    got = answer(_request(client, url, path, method="POST"))
                    if got != want:
                        wrong.append(f"POST {cell}: expected {want}, got {got}")
    return wrong
