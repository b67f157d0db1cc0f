"""An uploaded file waiting for a registrar to confirm its import, between the admin's preview and
its confirmation: kept in the shared cache (Redis in production) for an hour, under a random
token that only the uploading user's session knows. Nothing is written to disk or the media
folder, which the public site may serve."""

import secrets
from dataclasses import dataclass

from django.core.cache import cache

PENDING_SECONDS = 3600
_KEY = "opendata-import:{user_id}:{token}"


@dataclass(frozen=True)
class PendingFile:
    name: str
    content: bytes


def pending_store(*, user_id: int, name: str, content: bytes) -> str:
    """Keep the file for its confirmation; returns the token that finds it again."""
    token = secrets.token_urlsafe(24)
    cache.set(_KEY.format(user_id=user_id, token=token), (name, content), PENDING_SECONDS)
    return token


def pending_take(*, user_id: int, token: str) -> PendingFile | None:
    """The file stored under `token` by this user, removed from the cache; None when it expired,
    was taken already or belongs to someone else."""
    key = _KEY.format(user_id=user_id, token=token)
    stored = cache.get(key)
    # Two confirmations of one upload may both read it: only the one whose delete removed the
    # key goes on, so the file is imported once.
    if stored is None or not cache.delete(key):
        return None
    name, content = stored
    return PendingFile(name=name, content=content)
