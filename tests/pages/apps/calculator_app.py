"""A tiny page holding only the derivative calculator, for tests of dashboard.calculator."""

from dashboard.calculator import derivative_calculator

derivative_calculator()
