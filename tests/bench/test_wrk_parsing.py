"""The HTTP benchmark reads wrk's report correctly (units, percentiles, failed requests)."""

from benchmarks.serving import parse_wrk

WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:40123/en/agreements/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   873.41ms  120.11ms   1.17s    70.00%
    Req/Sec     4.12      2.01     10.00     80.00%
  Latency Distribution
     50%  873.40ms
     75%  950.12ms
     90%    1.05s
     99%    1.17s
  40 requests in 5.01s, 1.23MB read
  Socket errors: connect 0, read 1, write 0, timeout 2
  Non-2xx or 3xx responses: 4
Requests/sec:      7.98
Transfer/sec:    251.01KB
"""


def test_rate_percentiles_and_errors():
    run = parse_wrk(WRK_OUTPUT)
    assert run.requests_per_second == 7.98
    assert run.p50_ms == 873.4
    assert run.p99_ms == 1170.0
    assert run.errors == 7


def test_microseconds():
    output = (
        "  Latency Distribution\n     50%  640.00us\n     99%    2.10ms\nRequests/sec:   1143.90\n"
    )
    run = parse_wrk(output)
    assert (run.p50_ms, run.p99_ms, run.requests_per_second, run.errors) == (0.64, 2.1, 1143.9, 0)
