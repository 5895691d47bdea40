"""Check a built image for real: run it, wait for Docker's health check, and use every page.

`make test-image` (run by CI after `make test-deploy`) builds the image and runs this with
`--browser`; by hand, after `make image` (it needs a Docker daemon; see deploy/README.md, "How
the image is tested"):

    .venv/bin/python deploy/check_image.py                      # calculus-ml:latest, port 8599
    .venv/bin/python deploy/check_image.py --image registry.example.org/calculus-ml:1 --network bridge

It starts one container on a port other than 8501 (set through STREAMLIT_SERVER_PORT with
`--network host`, or published with `-p` with `--network bridge`), then checks:

1. Docker reports the container `healthy` (the image's HEALTHCHECK) and `/_stcore/health`
   answers `ok` from outside; it prints the seconds from `docker run` to both;
2. the server runs as the unprivileged user (uid 10001), not root;
3. /app holds the app and nothing else: no tests, harness, benchmarks, docs, deploy files,
   venvs or .git;
4. every page in dashboard/site.py answers over Streamlit's own websocket protocol (the
   client in benchmarks/protocol.py) without an exception, and so does every slider on it
   moved one step and every touch unit's input after a pause one step on; the Rules page
   works out a typed derivative (SymPy in worker processes): /rules?f=x*exp(x)&x0=1 shows
   f'(1) = 2e = 5.43656... to the digits it prints (in the calculator's touch unit);
5. with `--browser`, every page also loads in headless Chromium with no exception element, no
   console error, no failed request and nothing fetched from another host.

With `--pod` the container runs as deploy/k8s/deployment.yaml runs a pod (read-only root file
system, scratch space only in /tmp and the home directory, no capabilities, 1 CPU, 1 GiB).

It prints what it saw, removes the container and exits 1 if any check failed.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.protocol import StreamlitClient, run_sync  # noqa: E402
from dashboard.site import registered_pages  # noqa: E402

# /app holds exactly these (.dockerignore names them and leaves everything else out).
APP_FILES = {
    ".streamlit",
    "app_pages",
    "core",
    "dashboard",
    "requirements.txt",
    "streamlit_app.py",
}
NOT_IN_IMAGE = (
    ".git",
    "harness",
    ".venv",
    "venv",
    "tests",
    "benchmarks",
    "docs",
    "deploy",
    "scripts",
    "Dockerfile",
    "Makefile",
    "README.md",
    "requirements-dev.txt",
    "pyproject.toml",
)
# The README's example: the derivative of x e^x is (x + 1) e^x, 2e = 5.43656... at x0 = 1.
RULES_LINK = ("rules", "f=x*exp(x)&x0=1")
# `docker run` options for what deploy/k8s/deployment.yaml asks of a pod: its securityContext
# (uid/gid 10001, readOnlyRootFilesystem, no privilege escalation, all capabilities dropped;
# Docker's default seccomp profile stands for RuntimeDefault), its emptyDir volumes (/tmp 64 Mi,
# /home/learner 16 Mi) and its resources (1 CPU, 1 GiB).
POD_LIKE = [
    "--user",
    "10001:10001",
    "--read-only",
    "--tmpfs",
    "/tmp:rw,size=64m,mode=1777",
    "--tmpfs",
    "/home/learner:rw,size=16m,uid=10001,gid=10001",  # Docker 20.10 ignored mode=1777 here
    "--security-opt",
    "no-new-privileges",
    "--cap-drop",
    "ALL",
    "--cpus",
    "1",
    "--memory",
    "1g",
]
RULES_SLOPE = 2 * math.e
NUMBER = re.compile(r"(?<![\d.])\d+\.(\d+)")


def shows_value(texts: list[str], value: float) -> str | None:
    """The first number in `texts` (written with decimals) that is `value` rounded to its
    printed digits (5.437, 5.4366, ...), or None. Numbers with fewer than 3 decimals do not
    count."""
    for text in texts:
        for match in NUMBER.finditer(text):
            decimals = len(match.group(1))
            if decimals >= 3 and abs(float(match.group(0)) - value) <= 0.5 * 10**-decimals:
                return match.group(0)
    return None


def docker(*args: str, check: bool = True) -> str:
    result = subprocess.run(["docker", *args], capture_output=True, text=True, check=False)
    if check and result.returncode != 0:
        raise RuntimeError(f"docker {' '.join(args)}: {result.stderr.strip()}")
    return result.stdout.strip()


class Checks:
    def __init__(self) -> None:
        self.failed: list[str] = []

    def report(self, ok: bool, what: str, detail: str = "") -> None:
        print(f"{'ok  ' if ok else 'FAIL'} {what}{': ' + detail if detail else ''}", flush=True)
        if not ok:
            self.failed.append(what)


def answers_ok(base_url: str) -> bool:
    try:
        return (
            urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=1).read().strip() == b"ok"
        )
    except OSError:
        return False


def wait_healthy(
    name: str, base_url: str, started: float, timeout: float
) -> tuple[str, float, float | None]:
    """Docker's health status once it is no longer `starting`, the seconds since `started`
    (just before `docker run`) at that moment, and when /_stcore/health first answered `ok`
    from outside. Docker runs the image's first health check one --interval after the start."""
    status = "?"
    answering = None
    while time.monotonic() - started < timeout:
        if answering is None and answers_ok(base_url):
            answering = time.monotonic() - started
        status = docker("inspect", "--format", "{{.State.Health.Status}}", name)
        running = docker("inspect", "--format", "{{.State.Running}}", name)
        if status != "starting" or running != "true":
            break
        time.sleep(0.5)
    return status, time.monotonic() - started, answering


async def use_every_page(base_url: str, checks: Checks) -> None:
    for spec in registered_pages():
        path = "" if spec.default else spec.url_path
        async with StreamlitClient(base_url) as client:
            first = await client.open(path)
            moved, paused, bad = 0, 0, []
            for index in range(len(client.sliders)):
                if index >= len(client.sliders):  # a move redrew the page with fewer sliders
                    break
                slider = client.sliders[index]
                rerun = await client.move(slider, slider.nudged(+1))
                moved += 1
                if not rerun.ok:
                    bad.append(f"{slider.label}: {rerun.exceptions or rerun.status}")
            # every touch input one step, as a browser reports it after the learner's pause
            for index in range(len(client.touch_inputs)):
                if index >= len(client.touch_inputs):
                    break
                touch = client.touch_inputs[index]
                rerun = await client.pause(touch, touch.nudged(+1))
                paused += 1
                if not rerun.ok:
                    bad.append(f"{touch.label}: {rerun.exceptions or rerun.status}")
            detail = (
                f"opened in {first.seconds * 1000:.0f} ms, {moved} slider(s) moved, "
                f"{paused} touch input(s) paused on"
            ) + (f", {first.exceptions}" if first.exceptions else "")
            checks.report(
                first.ok and not bad, f"page /{path}", detail + (f"; {bad}" if bad else "")
            )
    async with StreamlitClient(base_url) as client:
        page, query = RULES_LINK
        rerun = await client.open(page, query)
        # f'(x0) is one of the numbers of the calculator's touch unit, at the position held
        row = rerun.touch_rows.get("calculator_touch", {})
        shown = [value for _, value in row.get("metrics", [])] + list(row.get("notes", []))
        found = shows_value(rerun.texts + shown, RULES_SLOPE)
        checks.report(
            rerun.ok and found is not None,
            f"page /{page}?{query}",
            f"f'(1) = 2e shown as {found}"
            if found
            else f"no 2e = {RULES_SLOPE:.6f} in {rerun.texts}",
        )


def browse_every_page(base_url: str, checks: Checks) -> None:
    from playwright.sync_api import sync_playwright

    from harness.chromium import LAPTOP, LAUNCH_ARGS, chromium_path, new_page, open_page

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=LAUNCH_ARGS
        )
        try:
            for spec in registered_pages():
                path = "" if spec.default else spec.url_path
                page, watch = new_page(browser, LAPTOP)
                try:
                    open_page(page, base_url, path)
                    exceptions = page.locator('[data-testid="stException"]').count()
                    problems = (
                        watch.console_errors + watch.failed_responses + watch.outside_requests
                    )
                    checks.report(
                        exceptions == 0 and not problems,
                        f"browser /{path}",
                        f"{exceptions} exception element(s)"
                        + (f", {problems}" if problems else ""),
                    )
                finally:
                    page.context.close()
        finally:
            browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--image", default="calculus-ml:latest")
    parser.add_argument("--port", type=int, default=8599, help="port on this machine")
    parser.add_argument(
        "--network",
        choices=("host", "bridge"),
        default="host",
        help="host: the container shares this machine's network and listens "
        "on --port itself; bridge: -p 127.0.0.1:PORT:8501",
    )
    parser.add_argument("--browser", action="store_true", help="also open every page in Chromium")
    parser.add_argument("--timeout", type=float, default=180, help="seconds to become healthy")
    parser.add_argument(
        "--pod",
        action="store_true",
        help="run the container as deploy/k8s/deployment.yaml runs a pod: read-only root, "
        "/tmp and the home directory as small scratch space, no capabilities, 1 CPU, 1 GiB",
    )
    args = parser.parse_args()

    checks = Checks()
    size = int(docker("image", "inspect", "--format", "{{.Size}}", args.image))
    print(f"image {args.image}: {size / 1e6:.0f} MB", flush=True)
    name = f"calcml-check-{args.port}"
    docker("rm", "-f", name, check=False)
    if args.network == "host":
        where = ["--network", "host", "-e", f"STREAMLIT_SERVER_PORT={args.port}"]
    else:
        where = ["-p", f"127.0.0.1:{args.port}:8501"]
    if args.pod:
        where += POD_LIKE
    base_url = f"http://127.0.0.1:{args.port}"
    started = time.monotonic()
    docker("run", "-d", "--name", name, *where, args.image)
    try:
        status, seconds, answering = wait_healthy(name, base_url, started, args.timeout)
        checks.report(
            status == "healthy",
            "Docker health status",
            f"{status} after {seconds:.1f} s (from docker run; server answering after "
            + (f"{answering:.1f} s)" if answering is not None else "-)"),
        )
        if status != "healthy":
            print(docker("logs", "--tail", "30", name, check=False))
            health = docker("inspect", "--format", "{{json .State.Health}}", name, check=False)
            print(json.dumps(json.loads(health or "null"), indent=1)[:2000])
            return 1
        body = urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=10).read()
        checks.report(body.strip() == b"ok", f"GET {base_url}/_stcore/health", body.decode()[:40])

        identity = docker("exec", name, "id")
        checks.report(identity.startswith("uid=10001("), "user in the container", identity)
        server_user = docker("exec", name, "stat", "-c", "%u", "/proc/1")
        checks.report(server_user == "10001", "uid of the server process (pid 1)", server_user)

        listing = docker("exec", name, "ls", "-A", "/app").split()
        present = sorted(set(NOT_IN_IMAGE) & set(listing))
        extra, missing = sorted(set(listing) - APP_FILES), sorted(APP_FILES - set(listing))
        checks.report(
            not present and not extra and not missing,
            "nothing but the app in /app",
            " ".join(listing)
            + (f"; unwanted: {present or extra}" if present or extra else "")
            + (f"; missing: {missing}" if missing else ""),
        )

        def can_write(path: str) -> bool:
            touch = ["docker", "exec", name, "touch", path]
            return subprocess.run(touch, capture_output=True, check=False).returncode == 0

        checks.report(not can_write("/app/written"), "/app is not writable by the server's user")
        if args.pod:
            checks.report(not can_write("/var/tmp/written"), "the root file system is read-only")
            checks.report(
                can_write("/tmp/written") and can_write("/home/learner/written"),
                "/tmp and /home/learner are writable (the pod's emptyDir volumes)",
            )

        run_sync(use_every_page(base_url, checks))
        if args.browser:
            browse_every_page(base_url, checks)
        health = docker("inspect", "--format", "{{.State.Health.Status}}", name)
        checks.report(health == "healthy", "still healthy after the pages", health)
    finally:
        docker("rm", "-f", name, check=False)

    print("all checks passed" if not checks.failed else f"FAILED: {checks.failed}")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
