"""Every limit the app enforces, in one place (also listed in README.md).

The app runs on a public server: whatever a visitor can send is bounded here.
"""

# Links: a query-parameter value longer than this is refused before it is parsed.
MAX_URL_VALUE_CHARS = 200

# Charts: no line is sent to the browser with more points than this.
MAX_LINE_POINTS = 400
