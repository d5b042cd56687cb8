"""What the benchmarks share: databases, gunicorn servers, wrk, COPY text and plans.

Used by ``bench/pages.py``, ``bench/data.py`` and ``bench/dashboard.py`` (run as scripts,
so ``bench/`` is on the import path).
"""

import datetime
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
# Fixed keys, so the loader, the server and a later --reuse run read the same ciphertexts.
FERNET_KEY = "YmVuY2gtcGFnZXMtZmllbGQtZW5jcnlwdGlvbi1rZXk="
HASH_KEY = "bench-pages-blind-index-key-0123456789abcdef"


def run(*cmd, **kw):
    return subprocess.run(cmd, check=True, cwd=ROOT, **kw)


def db_exists(name: str) -> bool:
    out = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc",
         f"SELECT 1 FROM pg_database WHERE datname='{name}'"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return out.strip() == "1"


def text(value) -> str:
    if value is None:
        return r"\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def plan_summary(node, depth=0) -> list[str]:
    """The plan's nodes, top-down, as "Limit > Nested Loop > Index Scan using x on t"."""
    text = node["Node Type"]
    if node.get("Index Name"):
        text += f" using {node['Index Name']}"
    if node.get("Relation Name"):
        text += f" on {node['Relation Name']}"
    if node.get("Sort Space Type") == "Disk":
        text += " (on disk)"
    parts = [text]
    for child in node.get("Plans", []):
        parts.extend(plan_summary(child, depth + 1))
    return parts


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn with the portal's gunicorn.conf.py, on a port of its own."""

    def __init__(self, app: str, env: dict, log: Path, *extra: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log.open("w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind",
             f"127.0.0.1:{self.port}", "--control-socket", str(log.with_suffix(".ctl")),
             *extra, app],
            cwd=ROOT, env={**env, "SITE_URL": self.url}, stdout=self.log,
            stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"gunicorn {app} exited; see {log}") from None
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn {app} did not start; see {log}")

    def stop(self):
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        self.log.close()


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * _UNITS[unit]


def wrk(url: str, cookie: str | None, seconds: int, connections: int) -> dict:
    cmd = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout
    result = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": _ms(re.search(r"\s50%\s+(\S+)", out).group(1)),
        "p99": _ms(re.search(r"\s99%\s+(\S+)", out).group(1)),
    }
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors or "Socket errors" in out:
        raise RuntimeError(f"{url}: errors under load\n{out}")
    return result


def check(url: str, cookie: str | None) -> None:
    """The page answers 200 to this visitor (not a redirect to the sign-in page)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        status = urllib.request.build_opener(NoRedirect).open(request, timeout=30).status
    except urllib.error.HTTPError as error:
        status = error.code
    if status != 200:
        raise RuntimeError(f"{url} answered {status}, expected 200")
