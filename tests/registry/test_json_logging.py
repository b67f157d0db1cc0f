"""Production log lines are JSON objects a collector can filter on."""

import json
import logging

from registry.json_logging import JsonFormatter


def _record(**kwargs) -> logging.LogRecord:
    record = logging.LogRecord(
        "registry.security", logging.WARNING, __file__, 1, "Sign-in refused for %s", ("bob",), None
    )
    record.created = 1764806400.25  # 2025-12-04 00:00:00.250 UTC
    for name, value in kwargs.items():
        setattr(record, name, value)
    return record


def test_line_is_one_json_object_with_extras():
    line = JsonFormatter().format(_record(client_ip="203.0.113.9", attempts=3))
    assert "\n" not in line
    assert json.loads(line) == {
        "time": "2025-12-04T00:00:00.250+00:00",
        "level": "WARNING",
        "logger": "registry.security",
        "message": "Sign-in refused for bob",
        "client_ip": "203.0.113.9",
        "attempts": 3,
    }


def test_exception_and_unserialisable_extra_are_kept():
    try:
        raise ValueError("bad date «2024-13-01»")
    except ValueError:
        import sys

        record = _record(day=object.__new__(type("Day", (), {"__str__": lambda self: "D"})))
        record.exc_info = sys.exc_info()
    parsed = json.loads(JsonFormatter().format(record))
    assert parsed["day"] == "D"
    assert parsed["exception"].splitlines()[-1] == "ValueError: bad date «2024-13-01»"
