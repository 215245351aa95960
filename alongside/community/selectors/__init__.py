"""Reads shaped for pages and the API, split by area."""
