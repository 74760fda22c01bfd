"""Benchmarks: every figure printed beside a baseline measured in the same run.

Run ``make bench`` (or ``.venv/bin/python -m benchmarks.run --help``). Indexes live in a
temporary directory that is removed at the end; the repository's ``.index`` is never touched.
"""
