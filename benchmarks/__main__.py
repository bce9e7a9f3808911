"""`python -m benchmarks`: run every benchmark and print its figures."""

from . import api_calls, parallel_waits

parallel_waits.main()
api_calls.main()
