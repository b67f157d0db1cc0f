"""Speed benchmarks (`make bench`, i.e. `python -m benchmarks`) and the scale-data generator
they share (benchmarks.scale). Not part of the test suite and not run in CI."""
