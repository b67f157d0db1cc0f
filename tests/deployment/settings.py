"""Production settings as the multi-process test serves them: everything from
registry.settings.production (its refusals included, so the environment must be complete), with
one difference, static files served from the sources, so that the test needs no collectstatic."""

from registry.settings.production import *  # noqa: F403

STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
