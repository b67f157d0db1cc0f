"""One JSON object per log line, for production log collectors.

A line carries the time (UTC, ISO 8601), level, logger name and message, the exception when there
is one, and any extra fields a caller passed (`logger.info("...", extra={"reference": ...})`), so a
collector can filter on them without parsing free text.
"""

import datetime
import json
import logging

# Attributes every LogRecord has; anything else on a record came from `extra=`.
_STANDARD_ATTRIBUTES = frozenset(
    logging.LogRecord("", 0, "", 0, "", (), None).__dict__.keys() | {"message", "asctime"}
)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name, value in record.__dict__.items():
            if name not in _STANDARD_ATTRIBUTES and not name.startswith("_"):
                line[name] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        # default=str: an extra field that JSON cannot hold (a date, a model) is written as text
        # rather than losing the whole line.
        return json.dumps(line, ensure_ascii=False, default=str)
