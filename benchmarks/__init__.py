"""Speed benchmarks of the toolkit: measured here, never in timed tests (see README.md in this folder).

Run them from a source checkout with ``python -m sim bench`` (or ``make bench``).
"""
