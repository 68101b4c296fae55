"""Runs a real learning record store for a test: ralph's LRS (`ralph runserver -b fs`).

    python lrs.py FOLDER USER PASSWORD

Everything ralph reads or writes stays in FOLDER: its settings folder (RALPH_APP_DIR)
with the credentials file in ralph's format (a JSON list of users, each with a bcrypt
hash, scopes and an agent), the statements (the fs backend's directory), and the working
folder (ralph reads a .env file there, and its reloader watches it). It listens on
127.0.0.1 only (ralph's default host is 0.0.0.0), on a free port.

Prints `ready http://127.0.0.1:PORT/xAPI` once the LRS answers, then runs until its
standard input closes (or it gets SIGTERM), and then stops ralph and every process ralph
started. Exits 1 with ralph's log on standard error when ralph does not come up in time.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import bcrypt


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main(folder, user, password):
    folder = Path(folder).resolve()
    app, data = folder / "app", folder / "data"
    app.mkdir(parents=True, exist_ok=True)
    data.mkdir(parents=True, exist_ok=True)
    auth_file = app / "auth.json"
    auth_file.write_text(json.dumps([{
        "username": user,
        "hash": bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode("ascii"),
        "scopes": ["all"],
        "agent": {"objectType": "Agent", "account": {"homePage": "http://127.0.0.1/lrs", "name": user}},
    }]))
    port = free_port()
    environment = {key: value for key, value in os.environ.items() if not key.startswith("RALPH_")}
    environment.update({
        "RALPH_APP_DIR": str(app),
        "RALPH_AUTH_FILE": str(auth_file),
        "RALPH_HISTORY_FILE": str(app / "history.json"),
        "RALPH_RUNSERVER_HOST": "127.0.0.1",
        "RALPH_RUNSERVER_PORT": str(port),
        "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(data),
        "RALPH_SENTRY_DSN": "",
    })
    ralph = Path(sys.executable).parent / "ralph"
    log = open(folder / "ralph.log", "wb")
    server = subprocess.Popen(
        [str(ralph), "runserver", "-b", "fs", "--fs-default-directory-path", str(data),
         "-h", "127.0.0.1", "-p", str(port)],
        cwd=folder, env=environment, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True)

    def stop(*_):
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=10)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    deadline = time.monotonic() + 90
    while True:
        if server.poll() is not None or time.monotonic() > deadline:
            log.flush()
            sys.stderr.write((folder / "ralph.log").read_text(errors="replace"))
            sys.stderr.write("lrs.py: ralph did not come up\n")
            if server.poll() is None:
                os.killpg(server.pid, signal.SIGKILL)
            return 1
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/__heartbeat__", timeout=2) as answer:
                if answer.status == 200:
                    break
        except OSError:
            pass
        time.sleep(0.3)
    print(f"ready http://127.0.0.1:{port}/xAPI", flush=True)
    sys.stdin.read()
    stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
