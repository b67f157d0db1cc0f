"""The public read-only API (django-ninja) at /api/v1/."""
