"""Helpers shared by the test suite (not imported by the running site)."""
