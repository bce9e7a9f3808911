"""`python -m benchmarks`: run every benchmark and print its figures."""

from . import parallel_waits

parallel_waits.main()
