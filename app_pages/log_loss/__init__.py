"""The Log loss page: `page.py` is the outline, one module per section beside it."""
