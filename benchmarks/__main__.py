"""Run every benchmarks/bench_*.py in turn: `python -m benchmarks` (what `make bench` does).

Each bench module has a `main(argv)` that prints its own report and returns 0 when it ran; here
each runs with its defaults. Run one module for its options, e.g.
`python -m benchmarks.bench_search --fresh`.
"""

import importlib
import pkgutil
import sys
from pathlib import Path


def main() -> int:
    here = Path(__file__).resolve().parent
    failures = 0
    # Those that write BENCHMARKS.md replace only their own section of it: any order will do.
    for module in sorted(info.name for info in pkgutil.iter_modules([str(here)])):
        if module.startswith("bench_"):
            print(f"== benchmarks.{module}", flush=True)
            failures += bool(importlib.import_module(f"benchmarks.{module}").main([]))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
