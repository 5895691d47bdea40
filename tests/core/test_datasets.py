"""core.datasets: the built-in tables and every way a learner's CSV or table is refused."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.datasets import (
    TWO_HOUSES,
    check_points,
    fitted_table,
    notes_table,
    parse_points_csv,
    points_from_table,
)
from core.errors import LearnerError
from core.limits import MAX_DATA_ROWS, MAX_UPLOAD_BYTES


def _rows_csv(n: int, header: str = "bedrooms,price") -> bytes:
    lines = [header] + [f"{i % 50},{100 * i}" for i in range(n)]
    return ("\n".join(lines) + "\n").encode()


# --- built-in data ---------------------------------------------------------------------------


def test_two_houses_are_1_bedroom_150000_and_2_bedrooms_250000():
    assert TWO_HOUSES.x.tolist() == [1, 2]
    assert TWO_HOUSES.y.tolist() == [150_000, 250_000]


def test_notes_table_as_written_keeps_10000_for_ten_bedrooms():
    table = notes_table("as-written")
    assert table.x.tolist() == list(range(1, 11))
    assert table.y.tolist() == [100, 200, 300, 400, 500, 600, 700, 800, 900, 10_000]


def test_notes_table_fixed_has_1000_for_ten_bedrooms():
    assert notes_table("fixed").y.tolist() == [100.0 * k for k in range(1, 11)]


def test_notes_table_refuses_an_unknown_switch_value():
    with pytest.raises(LearnerError):
        notes_table("other")  # type: ignore[arg-type]


# --- good uploads ----------------------------------------------------------------------------


def test_csv_with_header_names_the_columns():
    points = parse_points_csv(b"bedrooms,price\n1,150000\n2,250000\n", "houses.csv")
    assert (points.x_name, points.y_name) == ("bedrooms", "price")
    assert points.x.tolist() == [1, 2] and points.y.tolist() == [150_000, 250_000]


def test_csv_without_header_is_called_x_and_y():
    points = parse_points_csv(b"1,2\n3,4.5\n-2,1e3\n")
    assert (points.x_name, points.y_name) == ("x", "y")
    assert points.y.tolist() == [2, 4.5, 1000]


def test_csv_with_semicolons_bom_blank_lines_and_trailing_comma_is_read():
    content = "\ufeffa;b\r\n1;2\r\n\r\n3;5;\r\n".encode()
    points = parse_points_csv(content, "DATA.CSV")
    assert points.x.tolist() == [1, 3] and points.y.tolist() == [2, 5]


def test_csv_with_exactly_the_row_limit_is_accepted():
    assert parse_points_csv(_rows_csv(MAX_DATA_ROWS)).n == MAX_DATA_ROWS


# --- bad uploads: each names its problem -----------------------------------------------------


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"PK\x03\x04\x14\x00\x00\x00binary", "book.csv", "not CSV text"),
        (b"\xff\xfe\x00b\x00a\x00d", "book.csv", "not CSV text"),
        (b"1,2\n3,4\n", "book.xlsx", "not a CSV file"),
        (b"", "empty.csv", "empty"),
        (
            b"bedrooms,price\n1,150000\n2,lots\n",
            "t.csv",
            "Line 3: “lots” in column “price” is text",
        ),
        (
            b"bedrooms,price\n1,150000\n2,\n",
            "m.csv",
            "Line 3: the value in column “price” is missing",
        ),
        (b"bedrooms,price\n1,150000\n,250000\n", "m.csv", "column “bedrooms” is missing"),
        (b"price\n150000\n250000\n", "one.csv", "only one column"),
        (b"a,b,c\n1,2,3\n4,5,6\n", "three.csv", "3 columns"),
        (b"a,b\n1,2\n3,4,5\n", "ragged.csv", "Line 3 has 3 values"),
        (b"bedrooms,price\n1,150000\n", "row.csv", "only one row"),
        (b"bedrooms,price\n", "header.csv", "no rows of numbers"),
        (
            b"bedrooms,price\n3,1\n3,2\n3,5\n",
            "same.csv",
            "All bedrooms values in the file are equal",
        ),
        (b"x,y\n1,2\n2,inf\n", "inf.csv", "Line 3: “inf” in column “y” is not a finite number"),
        (b"x,y\n1,2\nnan,4\n", "nan.csv", "Line 3: “nan” in column “x” is not a finite number"),
        (b"x,y\n1,2\n2,1e300\n", "big.csv", "too large"),
    ],
)
def test_bad_csv_is_refused_with_a_message_naming_the_problem(content, filename, message):
    with pytest.raises(LearnerError, match=message):
        parse_points_csv(content, filename)


def test_csv_with_one_row_more_than_the_limit_is_refused():
    with pytest.raises(LearnerError, match="more than 10,000 data rows"):
        parse_points_csv(_rows_csv(MAX_DATA_ROWS + 1))


def test_csv_over_the_byte_limit_is_refused_before_reading():
    content = b"x,y\n" + b"1,2\n" * (MAX_UPLOAD_BYTES // 4)
    assert len(content) > MAX_UPLOAD_BYTES
    with pytest.raises(LearnerError, match="the limit is 1,000,000 bytes"):
        parse_points_csv(content, "big.csv")


def test_learner_errors_are_value_errors_so_callers_can_catch_either():
    with pytest.raises(ValueError):
        parse_points_csv(b"x\n1\n")


# --- edited tables ---------------------------------------------------------------------------


def test_edited_table_skips_empty_rows_and_notes_half_filled_rows():
    table = pd.DataFrame(
        {"bedrooms": [1, 2, None, 4, None], "price": [100, 200, None, None, 500]}, dtype=float
    )
    points, notes = points_from_table(table)
    assert points.x.tolist() == [1, 2] and points.y.tolist() == [100, 200]
    assert notes == [
        "Row 4 has only one of its two numbers, so it is left out of the fit.",
        "Row 5 has only one of its two numbers, so it is left out of the fit.",
    ]


def test_edited_table_with_one_point_or_equal_x_is_refused():
    with pytest.raises(LearnerError, match="only one row"):
        points_from_table(pd.DataFrame({"x": [1.0], "y": [2.0]}))
    with pytest.raises(LearnerError, match="equal"):
        points_from_table(pd.DataFrame({"x": [2.0, 2.0], "y": [1.0, 3.0]}))


def test_edited_table_with_infinity_is_refused():
    with pytest.raises(LearnerError, match="not a finite number"):
        points_from_table(pd.DataFrame({"x": [1.0, 2.0], "y": [1.0, np.inf]}))


def test_check_points_refuses_too_many_rows():
    many = notes_table().__class__(np.arange(MAX_DATA_ROWS + 1.0), np.zeros(MAX_DATA_ROWS + 1))
    with pytest.raises(LearnerError, match="limit is 10,000 rows"):
        check_points(many)


def test_fitted_table_has_prediction_and_residual_columns():
    table = fitted_table(notes_table("as-written"), 100, 0)
    assert list(table.columns) == ["bedrooms", "price", "fitted", "residual", "squared residual"]
    # observed minus predicted: 10000 - 1000
    assert table["fitted"].iloc[-1] == 1000 and table["residual"].iloc[-1] == 9000
    assert table["squared residual"].iloc[-1] == 81_000_000


finite = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(finite, finite), min_size=2, max_size=40), st.booleans())
def test_points_written_as_csv_read_back_unchanged(pairs, header):
    lines = (["size,cost"] if header else []) + [f"{x!r},{y!r}" for x, y in pairs]
    content = ("\n".join(lines) + "\n").encode()
    if len({x for x, _ in pairs}) < 2:
        with pytest.raises(LearnerError, match="equal"):
            parse_points_csv(content, "points.csv")
        return
    points = parse_points_csv(content, "points.csv")
    assert points.x.tolist() == [x for x, _ in pairs]
    assert points.y.tolist() == [y for _, y in pairs]
    assert (points.x_name, points.y_name) == (("size", "cost") if header else ("x", "y"))
