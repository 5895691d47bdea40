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
MAX_COLUMN_NAME_CHARS = 40  # a longer column name in a CSV header is refused

# Editable tables (dashboard/tables.py): one change a browser sends. Streamlit adds rows one at
# a time, each copying the table (~0.7 ms a row here), so rows added at once are few.
MAX_EDITOR_ADDED_ROWS = 500  # rows added in one change (paste more as a CSV upload)
MAX_EDITOR_CHANGED_CELLS = 20_000  # cells edited in one change (two columns of 10,000 rows)
MAX_EDITOR_STATE_BYTES = 1_000_000  # the change as JSON text
# Uploaded files a session keeps in the server's memory (the newest; an upload replaces them).
MAX_UPLOADED_FILES_PER_SESSION = 2

# Websocket (.streamlit/config.toml): server.maxMessageSize and server.maxWidgetStateSize.
MAX_MESSAGE_MEGABYTES = 1  # a larger message closes the connection (uploads go over HTTP)

# Typed functions (core/expressions.py): checked by the parser before any SymPy work.
MAX_EXPRESSION_CHARS = 200  # longest typed function (and the `f` link parameter)
MAX_NESTING_DEPTH = 12  # parentheses, function calls, signs and powers nested inside each other
MAX_EXPRESSION_NODES = 120  # numbers, x, operators and function calls in one function
MAX_LITERAL_DIGITS = 12  # digits in one number such as 3.14159
MAX_EXPONENT = 100  # |n| for a constant exponent, as in x^n
MAX_CONSTANT_MAGNITUDE = 1e100  # any constant part, e.g. exp(exp(5)), must stay below this

# Expression worker (core/expression_worker.py): SymPy work on typed text runs in a separate,
# killable process.
EXPRESSION_TIME_LIMIT_SECONDS = 2.0  # wall-clock limit per request; the worker is killed after it
WORKER_START_TIMEOUT_SECONDS = 30.0  # a new worker must have imported SymPy within this
MAX_CONCURRENT_EXPRESSION_JOBS = 2  # SymPy jobs running at once, across all visitors
EXPRESSION_QUEUE_WAIT_SECONDS = 4.0  # a request waits this long for a free slot, then is refused
EXPRESSION_CACHE_ENTRIES = 512  # answers kept, keyed on the canonical form of the typed text
TIMEOUT_CACHE_SECONDS = 120.0  # a "too expensive" timeout is remembered this long, then retried
# A timeout means "too expensive" only if the worker computed for at least this fraction of the
# limit (CPU time); otherwise it was stopped or starved, and the job is tried once more.
TIMEOUT_MIN_CPU_FRACTION = 0.5
WORKER_MEMORY_LIMIT_BYTES = 640_000_000  # address space of a worker (Linux); ~400 MB when idle
WORKER_NICE_INCREMENT = 10  # workers run at lower CPU priority than the server (Unix nice)

# Cost functions page (core/cost.py, core/gradient_descent.py).
MAX_POWER_LINES = 8  # power lines a learner can place
MAX_DESCENT_STEPS = 1000  # steps of one-dimensional gradient descent

# Regression page (core/regression.py): gradient descent on a line.
MAX_REGRESSION_ITERATIONS = 3000

# Log loss page (core/coins.py, core/underflow.py).
MAX_SEQUENCE_TOSSES = 100  # a typed sequence like HHTHT (it also fits in one URL value)
MAX_UNDERFLOW_TOSSES = 5000  # n of the underflow slider
