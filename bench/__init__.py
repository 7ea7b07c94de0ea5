"""Benchmarks that print figures. Run with ``make bench``; never timed assertions in tests."""
