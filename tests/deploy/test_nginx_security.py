"""deploy/nginx.conf's security headers and blocked paths, on a real nginx (issue 19).

nginx runs in the foreground with the rendered site file in front of a stand-in replica (a
small HTTP server that records every path it is asked for). Every answer carries the headers
that stop other sites framing the app and browsers guessing content types; Streamlit's
/_stcore/metrics and /_stcore/agent/ are refused by nginx itself, in every spelling a client
might try, and never reach the replica.
"""

from __future__ import annotations

import http.server
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from deploy.render_nginx import main_config, render
from harness.server import free_port

pytestmark = pytest.mark.deploy
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
}
BLOCKED = [
    "/_stcore/metrics",
    "/_stcore/metrics/",
    "/_stcore/metrics?families=session_state",
    "//_stcore/metrics",
    "/_stcore/%6detrics",
    "/_stcore/./metrics",
    "/slopes/../_stcore/metrics",
    "/slopes/_stcore/metrics",
    "/_stcore/agent/interact",
    "/_stcore/agent/openapi.json",
]


class Replica(http.server.BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the standard library's name
        Replica.seen.append(self.path)
        body = b"replica\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def proxy() -> Iterator[str]:
    assert Path(NGINX).exists(), "nginx is missing: apt-get install -y nginx (.ci/run does it)"
    replica = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Replica)
    threading.Thread(target=replica.serve_forever, daemon=True).start()
    workdir = Path(tempfile.mkdtemp(prefix="calcml-nginx-"))
    workdir.chmod(0o755)
    (workdir / "tmp").mkdir()
    port = free_port()
    (workdir / "site.conf").write_text(
        render(
            listen=f"127.0.0.1:{port}",
            servers=[f"127.0.0.1:{replica.server_address[1]}"],
            access_log="access.log",
        )
    )
    (workdir / "nginx.conf").write_text(main_config("site.conf"))
    nginx = subprocess.Popen(
        [NGINX, "-p", str(workdir), "-c", str(workdir / "nginx.conf")]
        + ["-e", str(workdir / "error.log"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{url}/nginx-health", timeout=2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        replica.shutdown()
        shutil.rmtree(workdir, ignore_errors=True)


def fetch(url: str) -> tuple[int, dict[str, str]]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


@pytest.mark.parametrize("path", ["/", "/slopes?x0=1", "/_stcore/health", "/nginx-health"])
def test_every_answer_forbids_framing_and_content_sniffing(proxy: str, path: str) -> None:
    status, headers = fetch(proxy + path)
    assert status == 200
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name) == value, (name, headers)


def test_the_app_still_reaches_the_replica_with_the_affinity_cookie(proxy: str) -> None:
    Replica.seen.clear()
    status, headers = fetch(proxy + "/_stcore/health")
    assert status == 200 and Replica.seen == ["/_stcore/health"]
    assert headers.get("Set-Cookie", "").startswith("calcml_affinity=")


@pytest.mark.parametrize("path", BLOCKED)
def test_metrics_and_agent_paths_are_refused_by_the_proxy(proxy: str, path: str) -> None:
    Replica.seen.clear()
    status, headers = fetch(proxy + path)
    assert status == 404
    assert Replica.seen == [], "the request reached the replica"
    assert headers.get("X-Frame-Options") == "DENY"
