"""Serve a folder of wheels as a PEP 503 "simple" package index on a loopback port.

Used by scripts/test_image.sh: the image's build cannot reach the package index itself (the
container does not trust what the host trusts), so the host downloads the wheels and the build
installs from this index (`docker build --network host --build-arg PIP_INDEX_URL=...`).

    python scripts/wheel_index.py WHEEL_DIR [--port 0] [--port-file FILE]

It writes WHEEL_DIR/simple/ (one page per project, each link with its sha256), then serves
WHEEL_DIR on 127.0.0.1 until it is stopped; the port (any free one with --port 0 or when the
one asked for is taken) goes to stdout and to --port-file. Standard library only.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import html
import http.server
import re
import sys
from pathlib import Path


def project_name(wheel: str) -> str:
    """The normalised project name of a wheel file name (PEP 503 and PEP 427)."""
    return re.sub(r"[-_.]+", "-", wheel.split("-", 1)[0]).lower()


def write_index(folder: Path) -> int:
    wheels = sorted(p for p in folder.glob("*.whl") if p.is_file())
    if not wheels:
        raise SystemExit(f"no wheels in {folder}")
    projects: dict[str, list[Path]] = {}
    for wheel in wheels:
        projects.setdefault(project_name(wheel.name), []).append(wheel)
    simple = folder / "simple"
    simple.mkdir(exist_ok=True)
    root_links = []
    for name, files in sorted(projects.items()):
        links = []
        for wheel in files:
            digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
            href = f"../../{html.escape(wheel.name)}#sha256={digest}"
            links.append(f'<a href="{href}">{html.escape(wheel.name)}</a><br>')
        (simple / name).mkdir(exist_ok=True)
        page = "<!DOCTYPE html><html><body>\n" + "\n".join(links) + "\n</body></html>\n"
        (simple / name / "index.html").write_text(page)
        root_links.append(f'<a href="{name}/">{name}</a><br>')
    page = "<!DOCTYPE html><html><body>\n" + "\n".join(root_links) + "\n</body></html>\n"
    (simple / "index.html").write_text(page)
    return len(wheels)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--port", type=int, default=0, help="0 or taken: any free port (printed)")
    parser.add_argument("--port-file", type=Path)
    args = parser.parse_args()

    count = write_index(args.folder)
    handler = functools.partial(QuietHandler, directory=str(args.folder))
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    except OSError as error:  # the port is taken: any free one
        print(f"port {args.port}: {error}; another port instead", file=sys.stderr)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    with server:
        port = server.server_address[1]
        print(f"{count} wheels at http://127.0.0.1:{port}/simple/", file=sys.stderr, flush=True)
        print(port, flush=True)
        if args.port_file:
            args.port_file.write_text(f"{port}\n")
        server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
