"""The test harness: a real `streamlit run` server and a real headless Chromium.

One importable package for the browser tests (tests/browser/conftest.py builds its fixtures
from it), the benchmarks (benchmarks/*.py) and the image check (deploy/check_image.py), so
none of them imports a conftest. It is development tooling: .dockerignore keeps it out of
the image, which needs only the app.

- `harness.server`: free_port, start_server, stop_server (a server in its own process group).
- `harness.chromium`: chromium_path, LAUNCH_ARGS, LAPTOP, PHONE, new_page and PageWatch
  (console errors, failed responses, requests to other hosts), and waiting for the app the
  way Streamlit's own end-to-end suite does: IDLE, wait_for_idle, open_page, SLIDER_THUMB.
"""
