"""Every limit the app enforces, in one place (also listed in README.md).

The app runs on a public server: whatever a visitor can send is bounded here.
"""

# Links: a query-parameter value longer than this is refused before it is parsed.
MAX_URL_VALUE_CHARS = 200

# Charts: no line is sent to the browser with more points than this.
MAX_LINE_POINTS = 400

# Regression page, your own data (core/datasets.py): an uploaded or edited table of points.
MAX_DATA_ROWS = 10_000  # more rows than this are refused, not silently cut
MAX_UPLOAD_BYTES = 1_000_000  # a CSV file larger than this is refused before it is read
MAX_ABS_DATA_VALUE = 1e12  # |x| and |y| above this are refused: their squares would swamp the loss
