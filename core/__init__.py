"""The mathematics of the dashboard: pure Python on numpy and sympy, no user interface."""
