"""Fill in deploy/nginx.conf for a list of replicas (standard library only).

    python3 deploy/render_nginx.py --listen 80 \\
        --server 127.0.0.1:8501 --server 127.0.0.1:8502 \\
        > /etc/nginx/conf.d/calculus-ml.conf

Only the `${CALCML_...}` placeholders are replaced; nginx's own `$variables` are left alone.
The result is a site file for nginx's `http { }` block. `main_config()` wraps it in a whole
nginx.conf whose pid file, logs and temporary files all live under one directory (the deploy
test runs nginx that way).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

TEMPLATE = Path(__file__).with_name("nginx.conf")
PLACEHOLDER = re.compile(r"\$\{(CALCML_[A-Z_]+)\}")


def upstream_servers(
    servers: Sequence[str], *, max_fails: int = 3, fail_timeout: str = "10s"
) -> str:
    """One `server` line per replica address, with the passive health-check settings."""
    if not servers:
        raise ValueError("at least one replica address (HOST:PORT) is needed")
    return "\n    ".join(
        f"server {address} max_fails={max_fails} fail_timeout={fail_timeout};"
        for address in servers
    )


def render(
    *,
    listen: str,
    servers: Sequence[str],
    access_log: str,
    max_fails: int = 3,
    fail_timeout: str = "10s",
    template: str | None = None,
) -> str:
    """The site file with every placeholder filled in; raises KeyError for an unknown one."""
    values = {
        "CALCML_LISTEN": listen,
        "CALCML_UPSTREAM_SERVERS": upstream_servers(
            servers, max_fails=max_fails, fail_timeout=fail_timeout
        ),
        "CALCML_ACCESS_LOG": access_log,
    }
    text = TEMPLATE.read_text() if template is None else template
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], text)


def main_config(site_file: str, *, user: str | None = None) -> str:
    """A whole nginx.conf for `nginx -p PREFIX -c PREFIX/nginx.conf`: paths relative to PREFIX."""
    user_line = f"user {user};\n" if user else ""
    return f"""{user_line}worker_processes 1;
pid nginx.pid;
error_log error.log warn;

events {{
    worker_connections 1024;
}}

http {{
    default_type application/octet-stream;
    client_body_temp_path tmp/client_body;
    proxy_temp_path tmp/proxy;
    fastcgi_temp_path tmp/fastcgi;
    uwsgi_temp_path tmp/uwsgi;
    scgi_temp_path tmp/scgi;
    include {site_file};
}}
"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--listen", default="80", help="port or address:port (default 80)")
    parser.add_argument(
        "--server",
        action="append",
        required=True,
        metavar="HOST:PORT",
        help="a replica; repeat for each one",
    )
    parser.add_argument("--access-log", default="/var/log/nginx/calculus-ml.access.log")
    parser.add_argument("--max-fails", type=int, default=3)
    parser.add_argument("--fail-timeout", default="10s")
    args = parser.parse_args(argv)
    sys.stdout.write(
        render(
            listen=args.listen,
            servers=args.server,
            access_log=args.access_log,
            max_fails=args.max_fails,
            fail_timeout=args.fail_timeout,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
