"""Helpers for the test suite: the pytest plugin, query budgets, the permission matrix."""
