"""Demo data for the registry: real governments and public bodies, fictional officials, and
agreements whose terms are illustrative unless their summary says otherwise.

The data lives in plain modules (`*_data.py`, `agreements_*.py`, `positions_*.py`) as frozen
dataclasses; `loader.demo_load` writes it, idempotently. `manage.py loaddemo` runs it.
"""
