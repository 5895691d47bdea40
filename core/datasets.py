"""The regression page's data: the two houses, the notes' table, and the learner's own points.

A learner's CSV file or edited table is checked here; every refusal is a LearnerError that
names the problem (and the line of the file where it is), so the page can show it and keep
the previous data.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from core.errors import LearnerError
from core.limits import (
    MAX_ABS_DATA_VALUE,
    MAX_COLUMN_NAME_CHARS,
    MAX_DATA_ROWS,
    MAX_UPLOAD_BYTES,
)
from core.loss_landscape import ParameterWindow, parameter_window

Outlier = Literal["as-written", "fixed"]

# The notes' table prices a 10-bedroom house at 10000, breaking the pattern 100 per bedroom;
# 1000 was probably meant. The app keeps the value as written and lets the learner switch.
NOTES_TEN_BEDROOMS_AS_WRITTEN = 10_000.0
NOTES_TEN_BEDROOMS_FIXED = 1_000.0


@dataclass(frozen=True)
class Points:
    """Points (x_i, y_i) for a line fit, with the names of the two columns."""

    x: NDArray[np.float64]
    y: NDArray[np.float64]
    x_name: str = "x"
    y_name: str = "y"

    @property
    def n(self) -> int:
        """How many points there are."""
        return int(self.x.size)

    def frame(self) -> pd.DataFrame:
        """The points as a two-column table named after the columns."""
        return pd.DataFrame({self.x_name: self.x, self.y_name: self.y})


def _points(x: Sequence[float], y: Sequence[float], x_name: str, y_name: str) -> Points:
    return Points(np.asarray(x, dtype=float), np.asarray(y, dtype=float), x_name, y_name)


# The notes' two houses: 1 bedroom for 150,000 and 2 bedrooms for 250,000.
TWO_HOUSES = _points([1, 2], [150_000, 250_000], "bedrooms", "price")


def notes_table(outlier: Outlier = "as-written") -> Points:
    """The notes' table: price 100 per bedroom for 1..9 bedrooms, then 10 bedrooms at
    10000 as written, or at 1000 as probably meant (`outlier="fixed"`)."""
    if outlier not in ("as-written", "fixed"):
        raise LearnerError("The 10-bedroom price is either 'as-written' or 'fixed'.")
    ten = NOTES_TEN_BEDROOMS_AS_WRITTEN if outlier == "as-written" else NOTES_TEN_BEDROOMS_FIXED
    bedrooms = list(range(1, 11))
    prices = [100.0 * k for k in range(1, 10)] + [ten]
    return _points(bedrooms, prices, "bedrooms", "price")


def _format_limit(value: float) -> str:
    return f"{value:,.0f}" if value < 1e6 else f"{value:g}"


def check_points(points: Points, *, where: str = "the data") -> Points:
    """Refuse data that cannot be fitted: returns `points` unchanged when it is fine.

    Needs 2..MAX_DATA_ROWS points, every value finite and at most MAX_ABS_DATA_VALUE in
    size, and at least two different x values.
    """
    n = points.n
    if n == 0:
        raise LearnerError(f"{where.capitalize()} has no points; a line needs at least two.")
    if n == 1:
        raise LearnerError(
            f"{where.capitalize()} has only one row; a line needs at least two points."
        )
    if n > MAX_DATA_ROWS:
        raise LearnerError(
            f"{where.capitalize()} has {n:,} rows; the limit is {MAX_DATA_ROWS:,} rows."
        )
    for values, name in ((points.x, points.x_name), (points.y, points.y_name)):
        bad = np.flatnonzero(~np.isfinite(values))
        if bad.size:
            raise LearnerError(
                f"Row {bad[0] + 1} of {where}: {name} is {values[bad[0]]}, "
                "which is not a finite number."
            )
        big = np.flatnonzero(np.abs(values) > MAX_ABS_DATA_VALUE)
        if big.size:
            raise LearnerError(
                f"Row {big[0] + 1} of {where}: {name} = {values[big[0]]:g} is too large "
                f"(the limit is ±{MAX_ABS_DATA_VALUE:g})."
            )
    if np.unique(points.x).size < 2:
        raise LearnerError(
            f"All {points.x_name} values in {where} are equal ({points.x[0]:g}), so no line "
            "can be fitted: a line needs points at two or more different x values."
        )
    return points


def _number(cell: str) -> float | None:
    """The cell as a float, or None if it is not written as a number."""
    try:
        return float(cell.strip())
    except ValueError:
        return None


def _sniff_delimiter(first_line: str) -> str:
    for delimiter in (",", ";", "\t"):
        if delimiter in first_line:
            return delimiter
    return ","


def parse_points_csv(content: bytes, filename: str | None = None) -> Points:
    """Read a CSV file of two numeric columns (x, then y) into Points.

    An optional header row names the columns. Refuses, with a LearnerError naming the
    problem and line: files over MAX_UPLOAD_BYTES, files that are not CSV text, one column,
    more than two columns, text in a numeric column, missing values, inf or nan, fewer than
    two or more than MAX_DATA_ROWS data rows, and data whose x values are all equal.
    """
    if len(content) > MAX_UPLOAD_BYTES:
        raise LearnerError(
            f"The file is {len(content):,} bytes; the limit is {MAX_UPLOAD_BYTES:,} bytes "
            f"(about {MAX_UPLOAD_BYTES // 1000:,} kB)."
        )
    if filename is not None and not filename.lower().endswith(".csv"):
        raise LearnerError(
            f"“{filename}” is not a CSV file: save the table as .csv (comma-separated values)."
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    if text is None or "\x00" in text:
        raise LearnerError(
            "This file is not CSV text (it looks like a binary file, e.g. a spreadsheet). "
            "Save the table as .csv (comma-separated values) and upload that."
        )
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), None)
    if first is None:
        raise LearnerError("The file is empty: it needs two columns of numbers, x then y.")

    reader = csv.reader(io.StringIO(text), delimiter=_sniff_delimiter(first))
    rows: list[tuple[int, list[str]]] = []
    try:
        for cells in reader:
            cells = [c.strip() for c in cells]
            while cells and cells[-1] == "":
                cells.pop()
            if not cells:
                continue
            rows.append((reader.line_num, cells))
            if len(rows) > MAX_DATA_ROWS + 1:  # the header row plus one too many
                break
    except csv.Error as error:
        raise LearnerError(f"This file is not valid CSV: {error}.") from error

    header_line, header = rows[0]
    has_header = all(_number(cell) is None for cell in header)
    width = len(header)
    if width == 1:
        raise LearnerError(
            "The file has only one column; it needs two columns of numbers: x, then y "
            "(e.g. bedrooms,price)."
        )
    if width > 2:
        raise LearnerError(
            f"The file has {width} columns; it needs exactly two: x, then y (e.g. bedrooms,price)."
        )
    x_name, y_name = (header[0] or "x", header[1] or "y") if has_header else ("x", "y")
    for name in (x_name, y_name):
        if len(name) > MAX_COLUMN_NAME_CHARS:
            raise LearnerError(
                f"A column name on line {header_line} is {len(name):,} characters long; the "
                f"limit is {MAX_COLUMN_NAME_CHARS}. Shorten the header row."
            )
        if not name.isprintable():
            raise LearnerError(
                f"A column name on line {header_line} holds a control character (such as a "
                "tab or a line break inside quotes). Rename the column."
            )
    if x_name == y_name:
        y_name = f"{y_name} (2)"
    data_rows = rows[1:] if has_header else rows
    if len(data_rows) > MAX_DATA_ROWS:
        raise LearnerError(
            f"The file has more than {MAX_DATA_ROWS:,} data rows; the limit is "
            f"{MAX_DATA_ROWS:,}. Upload a sample of the points."
        )

    xs: list[float] = []
    ys: list[float] = []
    for line, cells in data_rows:
        if len(cells) > 2:
            raise LearnerError(
                f"Line {line} has {len(cells)} values; every line needs exactly two: x, then y."
            )
        cells = cells + [""] * (2 - len(cells))
        values: list[float] = []
        for cell, name in zip(cells, (x_name, y_name), strict=True):
            if cell == "":
                raise LearnerError(
                    f"Line {line}: the value in column “{name}” is missing. "
                    "Every row needs both numbers."
                )
            value = _number(cell)
            if value is None:
                raise LearnerError(
                    f"Line {line}: “{cell[:40]}” in column “{name}” is text, not a number."
                )
            if not math.isfinite(value):
                raise LearnerError(
                    f"Line {line}: “{cell[:40]}” in column “{name}” is not a finite number "
                    "(inf and nan cannot be fitted)."
                )
            if abs(value) > MAX_ABS_DATA_VALUE:
                raise LearnerError(
                    f"Line {line}: {value:g} in column “{name}” is too large "
                    f"(the limit is ±{_format_limit(MAX_ABS_DATA_VALUE)})."
                )
            values.append(value)
        xs.append(values[0])
        ys.append(values[1])

    if not xs:
        raise LearnerError(
            f"The file has a header (line {header_line}) but no rows of numbers under it."
        )
    return check_points(_points(xs, ys, x_name, y_name), where="the file")


def points_from_table(table: pd.DataFrame) -> tuple[Points, list[str]]:
    """Points from an edited two-column table, with notes on rows that were left out.

    Empty rows are skipped silently (a row being added); a row with only one of its two
    numbers is left out with a note. The rest must pass `check_points`.
    """
    if table.shape[1] != 2:
        raise LearnerError("The table needs exactly two columns: x, then y.")
    x_name, y_name = (str(c) for c in table.columns)
    x = pd.to_numeric(table.iloc[:, 0], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    y = pd.to_numeric(table.iloc[:, 1], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    x_missing, y_missing = np.isnan(x), np.isnan(y)
    half = np.flatnonzero(x_missing ^ y_missing)
    notes = [
        f"Row {i + 1} has only one of its two numbers, so it is left out of the fit."
        for i in half[:5]
    ]
    if half.size > 5:
        notes.append(f"… and {half.size - 5} more incomplete rows are left out.")
    keep = ~(x_missing | y_missing)
    points = _points(x[keep], y[keep], x_name, y_name)
    return check_points(points, where="the table"), notes


# A spreadsheet reads a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """Text that a spreadsheet shows as text: a leading `'` before a formula start (OWASP)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(table: pd.DataFrame) -> str:
    """The table as CSV text for a download, safe to open in a spreadsheet: every column name
    and every text cell that starts like a formula gets a leading `'`. Numbers are written as
    numbers (a negative number is not a formula)."""
    safe = table.rename(columns=lambda name: spreadsheet_safe(str(name)))
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(
                lambda cell: spreadsheet_safe(cell) if isinstance(cell, str) else cell
            )
    return safe.to_csv(index=False)


def fitted_table(points: Points, slope: float, intercept: float) -> pd.DataFrame:
    """The points with, for each, the line's prediction slope * x + intercept, the residual
    (observed minus predicted, y - prediction) and the squared residual."""
    prediction = slope * points.x + intercept
    residual = points.y - prediction
    return pd.DataFrame(
        {
            points.x_name: points.x,
            points.y_name: points.y,
            "fitted": prediction,
            "residual": residual,
            "squared residual": residual * residual,
        }
    )


# The sliders and the loss landscape for the notes' table: one window for both versions of
# the 10-bedroom price, so that switching it moves the best line inside the same picture.
NOTES_WINDOW = ParameterWindow(
    slope_min=-500.0,
    slope_max=1500.0,
    slope_step=10.0,
    intercept_min=-4000.0,
    intercept_max=4000.0,
    intercept_step=50.0,
)


def window_for(points: Points, *, notes: bool = False) -> ParameterWindow:
    """The (slope, intercept) window for sliders and the loss landscape of these points."""
    return NOTES_WINDOW if notes else parameter_window(points.x, points.y)
