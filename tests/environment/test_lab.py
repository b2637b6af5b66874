"""`make lab` headless starts a JupyterLab server that answers on its URL."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request

import pytest

from helpers import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_make_lab_headless_serves_lab(tmp_path):
    port, token = free_port(), "wmolab-test-token"
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"), "JUPYTER_DATA_DIR": str(tmp_path / "data")}
    args = (f"--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port={port} --IdentityProvider.token={token} "
            "--LabApp.extension_manager=readonly --ServerApp.port_retries=0")
    proc = subprocess.Popen(["make", "-s", "lab", f"LAB_ARGS={args}"], cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        status = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token={token}", timeout=5) as resp:
                    status, body = resp.status, resp.read().decode("utf-8", "replace")
                break
            except OSError:
                time.sleep(0.5)
        assert proc.poll() is None, f"make lab exited early:\n{proc.stdout.read()[-2000:]}"
        assert status == 200 and "JupyterLab" in body
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
