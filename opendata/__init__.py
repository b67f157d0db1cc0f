"""Open data: the public read-only API, and the shapes it shares with bulk export and import."""
