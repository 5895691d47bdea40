"""Shared user interface: widgets bound to the URL, Altair chart builders, page furniture."""
