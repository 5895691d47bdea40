"""A learner's CSV header cannot become a spreadsheet formula or a page-sized label (issue 19)."""

import csv
import io

import pytest

from core.datasets import csv_text, fitted_table, parse_points_csv
from core.errors import LearnerError
from core.limits import MAX_COLUMN_NAME_CHARS

FORMULAS = ["=1+1*cmd|' /C calc'!A0", "@SUM(1+1)", "+1+2", "-2+3+cmd|' /C calc'!A0"]


def is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("name", FORMULAS)
def test_a_formula_in_the_header_is_written_back_as_text(name: str) -> None:
    quoted = '"' + name.replace('"', '""') + '"'
    points = parse_points_csv(f"{quoted},price\n1,-5\n2,7\n".encode(), "f.csv")
    assert points.x_name == name  # loaded as written: the page shows it escaped
    rows = list(csv.reader(io.StringIO(csv_text(fitted_table(points, 12.0, -10.0)))))
    assert rows[0][0] == "'" + name
    for row in rows:
        for cell in row:
            # a spreadsheet evaluates a cell starting with these unless it is a plain number
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or is_number(cell)
    # the numbers stay numbers: x, y = 1, -5 and the line's value 12 * 1 - 10 = 2
    assert [float(v) for v in rows[1][:3]] == [1.0, -5.0, 2.0]


def test_a_column_name_up_to_the_limit_is_accepted_and_one_longer_refused() -> None:
    ok = "b" * MAX_COLUMN_NAME_CHARS
    assert parse_points_csv(f"{ok},price\n1,2\n2,3\n".encode()).x_name == ok
    with pytest.raises(LearnerError, match=f"limit is {MAX_COLUMN_NAME_CHARS}"):
        parse_points_csv(f"{ok}b,price\n1,2\n2,3\n".encode())


def test_a_130000_character_header_is_refused_with_its_length() -> None:
    with pytest.raises(LearnerError, match="130,000 characters"):
        parse_points_csv(("h" * 130_000 + ",price\n1,2\n2,3\n").encode())


def test_a_control_character_inside_a_quoted_name_is_refused() -> None:
    with pytest.raises(LearnerError, match="control character"):
        parse_points_csv(b'"bed\nrooms",price\n1,2\n2,3\n')
