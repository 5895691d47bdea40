"""How this page shows a computed value where no '=' precedes it (a metric, a table cell):
the number alone when it is exact, '≈' before it when it is rounded (dashboard.numbers)."""

from __future__ import annotations

from dashboard import numbers


def shown(value: object, unit: str = "", sig: int = 4) -> str:
    """'5', '−2.8875 °C per m', or '≈ 76.08 °C' when the value was rounded."""
    return numbers.shown(value, sig, unit)
