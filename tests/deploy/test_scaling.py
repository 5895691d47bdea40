"""Two replicas behind nginx, for real: the classroom deployment works and survives losing one.

Run with `make test-deploy` (marker `deploy`; plain `make test` leaves it out). What runs:
two `streamlit run streamlit_app.py` servers on free loopback ports, Debian's nginx in the
foreground with deploy/nginx.conf rendered for those ports (pid, logs and temporary files in
a temporary directory), and headless Chromium from /usr/bin/chromium with one browser context
per learner. Which replica holds a session is read two ways that must agree: the live TCP
connections from nginx to each replica's port (one per open websocket, since nginx keeps no
idle connections to the replicas) and nginx's access log (each request carries the learner's
affinity key and the replica it went to).

Each new browser gets a random affinity key, so with 10 learners the chance that all of them
land on the same replica is 2 x 2^-10, about 1 in 500 runs (nginx's consistent hash split 400
cookie-less requests 202/198 between two replicas when this was written). When that happens the
classroom takes in more learners, up to EXTRA_LEARNERS, until one lands on the other replica
(all 20 on one replica: about 1 run in a million).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from dashboard.site import PageSpec, registered_pages
from deploy.render_nginx import main_config, render
from harness.chromium import LAUNCH_ARGS, chromium_path

pytestmark = pytest.mark.deploy

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = chromium_path()
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"  # /usr/sbin is not on every user's PATH
CHROMIUM_ARGS = LAUNCH_ARGS
LEARNERS = 10
LATE_LEARNERS = 3
EXTRA_LEARNERS = 10
TIMEOUT_MS = 30_000
IDLE = (
    '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
    '[data-test-script-state="notRunning"]'
)
LOG_LINE = re.compile(
    r'"(?P<request>[^"]*)" (?P<status>\d+) .*?upstream=(?P<upstream>.*?) affinity=(?P<key>\S+)'
)


# --- processes --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(condition, timeout: float, what: str, page: Page | None = None):
    """Poll `condition`; with a page, wait through Playwright so that its events get delivered."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        if page is None:
            time.sleep(0.1)
        else:
            page.wait_for_timeout(100)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def answers_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().strip() == b"ok"
    except OSError:
        return False


def stop(process: subprocess.Popen) -> None:
    """Stop a child started in its own process group: SIGTERM, then SIGKILL."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


@dataclass
class Replica:
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"


def start_replica(workdir: Path, name: str) -> Replica:
    port = free_port()
    log = workdir / f"{name}.log"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "streamlit_app.py",
        "--server.headless=true",
        "--server.address=127.0.0.1",
        f"--server.port={port}",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
    ]
    # The settings the container image runs with (Dockerfile), beyond .streamlit/config.toml.
    env = os.environ | {"STREAMLIT_RUNNER_POST_SCRIPT_GC": "false"}
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return Replica(port, process, log)


def established_from_proxy(port: int) -> int:
    """Open TCP connections whose far end is 127.0.0.1:port (nginx's side of each one)."""
    wanted = f"0100007F:{port:04X}"
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            remote, state = fields[2], fields[3]
            if state == "01" and remote.endswith(wanted):
                count += 1
    return count


@dataclass
class Cluster:
    replicas: list[Replica]
    url: str
    access_log: Path
    nginx: subprocess.Popen
    workdir: Path

    def websockets(self) -> dict[str, int]:
        return {r.address: established_from_proxy(r.port) for r in self.replicas}

    def routed(self) -> dict[str, set[str]]:
        """affinity key -> the replicas that finally answered its requests (from the log)."""
        routes: dict[str, set[str]] = {}
        for line in self.access_log.read_text().splitlines():
            match = LOG_LINE.search(line)
            if not match or match["upstream"] == "-":
                continue
            # "a, b" means a failed and b answered; "a : b" an internal redirect. The last one counts.
            last = re.split(r"[,:]\s", match["upstream"])[-1].strip()
            routes.setdefault(match["key"], set()).add(last)
        return routes

    def diagnostics(self) -> str:
        parts = []
        for path in sorted(self.workdir.glob("*.log")):
            if path.name == "access.log":
                continue
            parts.append(
                f"--- {path.name} (last lines)\n"
                + "\n".join(path.read_text(errors="replace").splitlines()[-15:])
            )
        return "\n".join(parts)


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    assert Path(NGINX).exists(), "nginx is missing: apt-get install -y nginx (.ci/run does it)"
    # nginx's worker processes drop root: they must be able to reach the temporary directory.
    workdir = Path(tempfile.mkdtemp(prefix="calcml-deploy-"))
    workdir.chmod(0o755)
    (workdir / "tmp").mkdir()
    replicas = [start_replica(workdir, "replica-a"), start_replica(workdir, "replica-b")]
    nginx = None
    try:
        for replica in replicas:
            wait_until(
                lambda r=replica: answers_ok(f"http://{r.address}/_stcore/health"),
                60,
                f"replica on port {replica.port} to answer /_stcore/health",
            )
        port = free_port()
        (workdir / "calculus-ml.conf").write_text(
            render(
                listen=f"127.0.0.1:{port}",
                servers=[r.address for r in replicas],
                access_log="access.log",
            )
        )
        (workdir / "nginx.conf").write_text(main_config("calculus-ml.conf"))
        with (workdir / "nginx-stdout.log").open("wb") as out:
            nginx = subprocess.Popen(
                [
                    NGINX,
                    "-p",
                    str(workdir),
                    "-c",
                    str(workdir / "nginx.conf"),
                    "-e",
                    str(workdir / "error.log"),
                    "-g",
                    "daemon off;",
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        url = f"http://127.0.0.1:{port}"
        wait_until(lambda: answers_ok(f"{url}/nginx-health"), 15, "nginx to answer")
        yield Cluster(replicas, url, workdir / "access.log", nginx, workdir)
    finally:
        if nginx is not None:
            stop(nginx)
        for replica in replicas:
            stop(replica.process)
        shutil.rmtree(workdir, ignore_errors=True)


# --- learners ---------------------------------------------------------------------------------


@dataclass
class Learner:
    """One browser context: one learner with one Streamlit session (one websocket)."""

    name: str
    context: BrowserContext
    page: Page
    frames_received: list[float] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    sliders_moved: list[str] = field(default_factory=list)

    def affinity_key(self) -> str:
        cookies = {c["name"]: c["value"] for c in self.context.cookies()}
        return cookies["calcml_affinity"]


def new_learner(browser: Browser, name: str) -> Learner:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    learner = Learner(name, context, page)

    def on_websocket(ws) -> None:
        ws.on("framereceived", lambda payload: learner.frames_received.append(time.monotonic()))

    def on_request(request) -> None:
        host = request.url.split("/")[2] if "://" in request.url else ""
        if request.url.startswith(("http", "ws")) and not host.startswith("127.0.0.1"):
            learner.foreign_requests.append(request.url)

    page.on("websocket", on_websocket)
    page.on("request", on_request)
    page.on(
        "console",
        lambda msg: learner.console_errors.append(msg.text) if msg.type == "error" else None,
    )
    return learner


def wait_for_idle(page: Page) -> None:
    page.wait_for_selector(IDLE, state="attached")
    page.wait_for_selector('[data-testid="stSkeleton"]', state="detached")
    # A rerun may not have started yet when the state first reads notRunning.
    page.wait_for_timeout(150)
    page.wait_for_selector(IDLE, state="attached")


def assert_no_exception(learner: Learner, where: str) -> None:
    exceptions = learner.page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, f"{learner.name} on {where}: {exceptions.first.inner_text()}"


def open_app(learner: Learner, url: str) -> None:
    learner.page.goto(url + "/")
    wait_for_idle(learner.page)
    assert_no_exception(learner, "/")


def go_to(learner: Learner, spec: PageSpec) -> None:
    """Open a page the way a learner does: its link in the sidebar, same session."""
    if spec.default:
        link = learner.page.locator('[data-testid="stSidebarNav"] a').first
    else:
        link = learner.page.locator(f'[data-testid="stSidebarNav"] a[href$="/{spec.url_path}"]')
    link.click()
    if not spec.default:
        learner.page.wait_for_url(re.compile(rf"/{re.escape(spec.url_path)}(\?|$)"))
    wait_for_idle(learner.page)
    assert_no_exception(learner, spec.url_path)


def slider_value(slider) -> str:
    return slider.evaluate("e => e.getAttribute('aria-valuetext') ?? e.value")


def move_first_slider(learner: Learner, where: str) -> bool:
    """Press an arrow key on the page's first slider; True once the server has answered."""
    # Streamlit 1.67's slider is an <input type="range"> (implicit role "slider").
    slider = learner.page.locator('[data-testid="stMain"]').get_by_role("slider").first
    if slider.count() == 0:
        return False
    before = slider_value(slider)
    frames_before = len(learner.frames_received)
    slider.focus()
    slider.press("ArrowRight")
    if slider_value(slider) == before:  # it was at its maximum
        slider.press("ArrowLeft")
    after = slider_value(slider)
    assert after != before, f"{learner.name}: the slider on {where} did not move"
    wait_until(
        lambda: len(learner.frames_received) > frames_before,
        20,
        f"{learner.name}'s server to answer the slider move on {where}",
        learner.page,
    )
    wait_for_idle(learner.page)
    assert_no_exception(learner, where)
    learner.sliders_moved.append(where)
    return True


def tour_every_page(learner: Learner) -> None:
    for spec in registered_pages():
        go_to(learner, spec)
        move_first_slider(learner, spec.url_path)
    assert learner.sliders_moved, f"{learner.name}: no registered page has a slider to move"


@dataclass
class Classroom:
    cluster: Cluster
    browser: Browser
    learners: list[Learner]


@pytest.fixture(scope="module")
def classroom(cluster: Cluster) -> Iterator[Classroom]:
    """Ten learners, each in their own browser context, every one through every page."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        learners: list[Learner] = []
        try:
            for number in range(LEARNERS + EXTRA_LEARNERS):
                if number >= LEARNERS and len({replica_of(cluster, lr) for lr in learners}) > 1:
                    break  # both replicas hold sessions: the classroom is complete
                learner = new_learner(browser, f"learner-{number}")
                learners.append(learner)
                open_app(learner, cluster.url)
                tour_every_page(learner)
            yield Classroom(cluster, browser, learners)
        except BaseException:
            print(cluster.diagnostics())
            raise
        finally:
            for learner in learners:
                learner.context.close()
            browser.close()


def replica_of(cluster: Cluster, learner: Learner) -> str:
    routes = cluster.routed()[learner.affinity_key()]
    assert len(routes) == 1, f"{learner.name}'s requests went to more than one replica: {routes}"
    return next(iter(routes))


# --- the specification ------------------------------------------------------------------------


def test_ten_learners_through_nginx_load_every_page_and_move_a_slider_without_error(
    classroom: Classroom,
) -> None:
    pages = len(registered_pages())
    for learner in classroom.learners:
        assert learner.sliders_moved, learner.name
        assert learner.console_errors == [], f"{learner.name}: {learner.console_errors}"
        assert learner.foreign_requests == [], f"{learner.name}: {learner.foreign_requests}"
    assert pages >= 1
    assert len(classroom.learners) >= LEARNERS
    assert len({learner.affinity_key() for learner in classroom.learners}) == len(
        classroom.learners
    )


def test_both_replicas_serve_sessions_and_each_learner_stays_on_one(classroom: Classroom) -> None:
    cluster = classroom.cluster
    # One websocket per learner, still open, split over the two replicas.
    learners = len(classroom.learners)
    live = wait_until(
        lambda: (counts := cluster.websockets()) and sum(counts.values()) == learners and counts,
        10,
        f"{learners} open websockets from nginx to the replicas",
    )
    assert all(count >= 1 for count in live.values()), f"websockets per replica: {live}"
    # The access log agrees: each learner's requests all went to one replica (affinity), and
    # the learners per replica are the websockets per replica.
    per_replica = Counter(replica_of(cluster, learner) for learner in classroom.learners)
    assert dict(per_replica) == {address: n for address, n in live.items() if n}, (
        f"log says {dict(per_replica)}, live connections say {live}"
    )


def test_stopping_one_replica_keeps_the_others_sessions_working_and_new_ones_land_on_it(
    classroom: Classroom,
) -> None:
    cluster = classroom.cluster
    placement = {learner.name: replica_of(cluster, learner) for learner in classroom.learners}
    victim, survivor = cluster.replicas
    stop(victim.process)
    assert not answers_ok(f"http://{victim.address}/_stcore/health")

    # The learners on the survivor carry on in the same session: a slider move is answered.
    on_survivor = [lr for lr in classroom.learners if placement[lr.name] == survivor.address]
    assert on_survivor, f"no learner was on {survivor.address}: {placement}"
    for learner in on_survivor:
        move_first_slider(learner, "after the other replica stopped")
        assert learner.console_errors == [], f"{learner.name}: {learner.console_errors}"

    # The learners who were on the stopped replica reconnect through nginx to the survivor
    # (a fresh session there, the page and its slider values restored from the URL).
    on_victim = [lr for lr in classroom.learners if placement[lr.name] == victim.address]
    for learner in on_victim:
        wait_for_idle(learner.page)
        move_first_slider(learner, "after reconnecting to the surviving replica")
    for learner in on_victim:
        assert cluster.routed()[learner.affinity_key()] == {victim.address, survivor.address}

    # New learners arrive: every one is served by the survivor, every page works.
    late = [new_learner(classroom.browser, f"late-{n}") for n in range(LATE_LEARNERS)]
    for learner in late:
        open_app(learner, cluster.url)
        tour_every_page(learner)
        assert replica_of(cluster, learner) == survivor.address
        assert learner.foreign_requests == [], f"{learner.name}: {learner.foreign_requests}"
    assert wait_until(
        lambda: established_from_proxy(survivor.port) >= len(on_survivor) + LATE_LEARNERS,
        10,
        "the late learners' websockets on the survivor",
    )
    assert established_from_proxy(victim.port) == 0
    for learner in late:
        learner.context.close()
