"""A real JupyterHub on loopback, and students who use it the way a browser does.

This is what ``tests/class/test_hub.py`` runs: JupyterHub (from PyPI) with configurable-http-proxy (from
npm, installed by ``make test`` into ``.venv/node``), the built-in shared-password authenticator and the
local-process spawner, every port a free one on 127.0.0.1. Each :class:`Student` keeps its own cookies and:

- logs in through the login form (with its ``_xsrf`` field), which starts the student's server;
- follows an nbgitpuller link: the hub redirects to the student's server, nbgitpuller's page answers, and
  the student replays what that page's script does (the ``git-pull/api`` event stream, then the redirect
  to the notebook in JupyterLab);
- reads and saves notebooks through the contents API and runs a cell in a kernel over its websocket,
  with the XSRF token and fetch headers a browser sends.

:class:`LocalHub` is a context manager: on exit it stops the hub (which stops the proxy and the students'
servers) and then ends every process it saw start under the hub, so nothing outlives it.
Authenticator: JupyterHub 5.3 deprecated ``DummyAuthenticator.password`` in favour of the built-in
``SharedPasswordAuthenticator`` (one password for every listed user), which is used here.
"""
from __future__ import annotations

import html
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urljoin

__all__ = ["free_port", "LocalHub", "Student", "HubError", "chp_path"]


class HubError(Exception):
    """Something in the hub flow did not happen in time or answered wrongly (the message says what)."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chp_path(venv: Path) -> Path:
    """Where ``make test`` installs configurable-http-proxy (requirements/package.json)."""
    return Path(venv) / "node" / "node_modules" / ".bin" / "configurable-http-proxy"


CONFIG = """\
# Written by wmolab.authoring.hub for a local test hub: loopback only, free ports, temporary folders.
c = get_config()  # noqa
c.JupyterHub.bind_url = {bind_url!r}
c.JupyterHub.hub_bind_url = {hub_bind_url!r}
c.ConfigurableHTTPProxy.api_url = {api_url!r}
c.ConfigurableHTTPProxy.command = [{chp!r}]
c.ConfigurableHTTPProxy.auth_token = {proxy_token!r}
c.ConfigurableHTTPProxy.pid_file = {proxy_pid!r}
c.JupyterHub.pid_file = {hub_pid!r}
c.JupyterHub.db_url = {db_url!r}
c.JupyterHub.cookie_secret_file = {cookie_secret!r}
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = {password!r}
c.Authenticator.allowed_users = set({users!r})
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {home_template!r}
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = {args!r}
c.Spawner.ip = "127.0.0.1"
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = {start_timeout}
c.Spawner.http_timeout = {start_timeout}
c.Spawner.environment = {{"NBGITPULLER_DEPTH": "1", "JUPYTER_PLATFORM_DIRS": "1"}}
"""


@dataclass
class LocalHub:
    """``with LocalHub(workdir, users, password, venv) as hub:`` starts a hub at ``hub.url``."""

    workdir: Path
    users: list[str]
    password: str
    venv: Path                       # the single-user environment (has jupyterhub-singleuser and nbgitpuller)
    chp: Path | None = None
    start_timeout: int = 120
    url: str = ""
    proc: subprocess.Popen | None = None
    seen: dict[int, float] = field(default_factory=dict)   # pid -> create_time of every process under the hub
    _watch: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self):
        self.workdir = Path(self.workdir)
        self.venv = Path(self.venv)
        self.chp = Path(self.chp) if self.chp else chp_path(self.venv)
        self.homes = self.workdir / "home"
        self.log_path = self.workdir / "jupyterhub.log"

    def write_config(self) -> Path:
        port, hub_port, api_port = free_port(), free_port(), free_port()
        self.url = f"http://127.0.0.1:{port}"
        args = ["--ServerApp.allow_root=True"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
        text = CONFIG.format(
            bind_url=f"{self.url}/", hub_bind_url=f"http://127.0.0.1:{hub_port}", api_url=f"http://127.0.0.1:{api_port}",
            chp=str(self.chp), proxy_token=secrets.token_hex(16), proxy_pid=str(self.workdir / "proxy.pid"),
            hub_pid=str(self.workdir / "jupyterhub.pid"), db_url=f"sqlite:///{self.workdir / 'jupyterhub.sqlite'}",
            cookie_secret=str(self.workdir / "cookie_secret"), password=self.password, users=sorted(self.users),
            home_template=str(self.homes / "{username}"), singleuser=str(self.venv / "bin" / "jupyterhub-singleuser"),
            args=args, start_timeout=self.start_timeout)
        path = self.workdir / "jupyterhub_config.py"
        path.write_text(text, encoding="utf-8")
        return path

    def __enter__(self) -> LocalHub:
        if not self.chp.exists():
            raise HubError(f"configurable-http-proxy is not installed at {self.chp} (run `make test`, which "
                           "installs it from requirements/package.json with npm)")
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.homes.mkdir(exist_ok=True)
        config = self.write_config()
        env = {**os.environ, "PATH": f"{self.venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"}
        for var in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTERLAB_SETTINGS_DIR",
                    "WMOLAB_DATASETS"):
            env.pop(var, None)
        log = self.log_path.open("w")
        self.proc = subprocess.Popen([str(self.venv / "bin" / "jupyterhub"), "-f", str(config)], cwd=self.workdir,
                                     env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        threading.Thread(target=self._watch_children, daemon=True).start()
        try:
            self._wait_up()
        except BaseException:
            self.stop()
            raise
        return self

    def _watch_children(self) -> None:
        import psutil

        while not self._watch.is_set() and self.proc is not None:
            try:
                for child in psutil.Process(self.proc.pid).children(recursive=True):
                    self.seen.setdefault(child.pid, child.create_time())
            except psutil.Error:
                pass
            self._watch.wait(0.5)

    def _wait_up(self, timeout: float = 60) -> None:
        import requests

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise HubError(f"JupyterHub exited ({self.proc.returncode}); log:\n{self.log_tail()}")
            try:
                if requests.get(f"{self.url}/hub/api/", timeout=3).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.3)
        raise HubError(f"JupyterHub did not answer within {timeout:.0f} s; log:\n{self.log_tail()}")

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-n:])
        except OSError:
            return "(no log)"

    def stop(self, timeout: float = 30) -> list[int]:
        """Stop the hub gracefully, then end every process seen under it; return the pids that had to be killed."""
        import psutil

        killed = []
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=timeout)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.proc.wait(timeout=10)
        self._watch.set()
        deadline = time.monotonic() + 10
        for pid, created in list(self.seen.items()):
            try:
                p = psutil.Process(pid)
                if abs(p.create_time() - created) > 0.01:
                    continue   # the pid was reused by an unrelated process
                p.terminate()
                p.wait(timeout=max(0.1, deadline - time.monotonic()))
                killed.append(pid)
            except psutil.NoSuchProcess:
                continue
            except psutil.TimeoutExpired:
                p.kill()
                killed.append(pid)
        return killed

    def alive(self) -> list[int]:
        """Processes seen under the hub that are still running."""
        import psutil

        out = []
        for pid, created in self.seen.items():
            try:
                if abs(psutil.Process(pid).create_time() - created) <= 0.01:
                    out.append(pid)
            except psutil.NoSuchProcess:
                pass
        return out

    def __exit__(self, *exc) -> None:
        self.stop()


NAVIGATE = {"Sec-Fetch-Mode": "navigate", "Sec-Fetch-Site": "same-origin"}
XSRF_FIELD = re.compile(r'name="_xsrf"\s+value="([^"]+)"')
HUB_XSRF = re.compile(r'xsrf_token:\s*"([^"]+)"')
DATA_ATTR = re.compile(r'data-([a-z-]+)="([^"]*)"')


@dataclass
class Pull:
    phases: list[str]
    output: str
    final_url: str
    final_status: int


class Student:
    """One student with a browser-like session on the hub."""

    def __init__(self, hub_url: str, name: str, password: str, timeout: float = 120):
        import requests

        self.hub, self.name, self.password, self.timeout = hub_url.rstrip("/"), name, password, timeout
        self.http = requests.Session()
        self.server_xsrf: str | None = None

    # -- the hub -------------------------------------------------------------------------------------------
    def login(self, password: str | None = None) -> bool:
        """Log in through the form; True if the hub accepted the password."""
        page = self.http.get(f"{self.hub}/hub/login", headers=NAVIGATE, timeout=30)
        token = XSRF_FIELD.search(page.text)
        if page.status_code != 200 or not token:
            raise HubError(f"{self.name}: the login page has no _xsrf field (HTTP {page.status_code})")
        resp = self.http.post(f"{self.hub}/hub/login", headers=NAVIGATE, allow_redirects=False, timeout=30,
                              data={"username": self.name, "password": password or self.password,
                                    "_xsrf": html.unescape(token.group(1))})
        return resp.status_code in (302, 303)

    def _hub_xsrf(self) -> str:
        page = self.http.get(f"{self.hub}/hub/home", headers=NAVIGATE, timeout=30)
        m = HUB_XSRF.search(page.text)
        if not m:
            raise HubError(f"{self.name}: /hub/home shows no xsrf token (HTTP {page.status_code}); logged in?")
        return m.group(1)

    def _hub_api(self, method: str, path: str, **kw):
        headers = {"X-XSRFToken": self._hub_xsrf(), "Sec-Fetch-Mode": "cors", "Sec-Fetch-Site": "same-origin"}
        return self.http.request(method, f"{self.hub}/hub/api{path}", headers=headers, timeout=30, **kw)

    def start_server(self) -> float:
        """Ask the hub for this student's server and wait until it is ready; return the seconds it took."""
        start = time.monotonic()
        resp = self._hub_api("POST", f"/users/{self.name}/server")
        if resp.status_code not in (201, 202, 400):   # 400: already running
            raise HubError(f"{self.name}: starting the server answered {resp.status_code}: {resp.text[:200]}")
        deadline = start + self.timeout
        while time.monotonic() < deadline:
            model = self._hub_api("GET", f"/users/{self.name}").json()
            server = model.get("servers", {}).get("", {})
            if server.get("ready"):
                return time.monotonic() - start
            time.sleep(0.5)
        raise HubError(f"{self.name}: the server was not ready within {self.timeout:.0f} s")

    def stop_server(self) -> None:
        self._hub_api("DELETE", f"/users/{self.name}/server")

    # -- nbgitpuller -----------------------------------------------------------------------------------------
    def follow(self, link: str) -> Pull:
        """Follow an nbgitpuller link as a browser does, including what the status page's script does."""
        page = self.http.get(link, headers=NAVIGATE, timeout=60)
        if page.status_code != 200 or "git-pull" not in page.url:
            raise HubError(f"{self.name}: the link ended at {page.url} (HTTP {page.status_code}), "
                           "not at nbgitpuller's page")
        data = {k: unquote(html.unescape(v)) for k, v in DATA_ATTR.findall(page.text)}
        missing = {"base-url", "repo", "path", "xsrf", "targetpath"} - set(data)
        if missing:
            raise HubError(f"{self.name}: nbgitpuller's page lacks {sorted(missing)}")
        self.server_xsrf = data["xsrf"]
        params = {"_xsrf": data["xsrf"], "repo": data["repo"], "targetpath": data["targetpath"]}
        for key in ("depth", "branch", "backup"):
            if key in data:
                params[key] = data[key]
        base = urljoin(self.hub + "/", data["base-url"])
        phases, output = [], []
        with self.http.get(f"{base}git-pull/api", params=params, stream=True, timeout=self.timeout,
                           headers={"Accept": "text/event-stream", "Sec-Fetch-Mode": "cors",
                                    "Sec-Fetch-Site": "same-origin"}) as events:
            if events.status_code != 200:
                raise HubError(f"{self.name}: git-pull/api answered {events.status_code}: {events.text[:300]}")
            for line in events.iter_lines(decode_unicode=True):
                if not line or not line.startswith("data: "):
                    continue
                event = json.loads(line[len("data: "):])
                phases.append(event.get("phase", ""))
                output.append(event.get("output") or event.get("message") or "")
                if event.get("phase") in ("finished", "error"):
                    break
        final = self.http.get(base + data["path"], headers=NAVIGATE, timeout=60)
        return Pull(phases, "".join(output), final.url, final.status_code)

    # -- the student's server ----------------------------------------------------------------------------------
    def _server(self, path: str) -> str:
        return f"{self.hub}/user/{quote(self.name)}/{path.lstrip('/')}"

    def _server_headers(self) -> dict[str, str]:
        if not self.server_xsrf:
            raise HubError(f"{self.name}: no XSRF token for the server yet (follow a link first)")
        return {"X-XSRFToken": self.server_xsrf, "Sec-Fetch-Mode": "cors", "Sec-Fetch-Site": "same-origin"}

    def contents(self, path: str) -> dict:
        resp = self.http.get(self._server(f"api/contents/{quote(path)}"), params={"content": 1},
                             headers=self._server_headers(), timeout=60)
        if resp.status_code != 200:
            raise HubError(f"{self.name}: opening {path} answered {resp.status_code}: {resp.text[:200]}")
        return resp.json()

    def save(self, path: str, notebook: dict) -> None:
        resp = self.http.put(self._server(f"api/contents/{quote(path)}"), headers=self._server_headers(),
                             json={"type": "notebook", "format": "json", "content": notebook}, timeout=60)
        if resp.status_code not in (200, 201):
            raise HubError(f"{self.name}: saving {path} answered {resp.status_code}: {resp.text[:200]}")

    def run_cell(self, path: str, code: str) -> dict:
        """Start a kernel for ``path`` (as opening it in JupyterLab does), run ``code``, return reply and outputs."""
        import websocket

        resp = self.http.post(self._server("api/sessions"), headers=self._server_headers(), timeout=60,
                              json={"path": path, "name": Path(path).name, "type": "notebook",
                                    "kernel": {"name": "python3"}})
        if resp.status_code not in (200, 201):
            raise HubError(f"{self.name}: starting a kernel for {path} answered {resp.status_code}: {resp.text[:200]}")
        session = resp.json()
        kernel_id, session_id = session["kernel"]["id"], uuid.uuid4().hex
        channels = self._server(f"api/kernels/{kernel_id}/channels?session_id={session_id}")
        ws_url = channels.replace("http://", "ws://", 1)
        cookie = "; ".join(f"{c.name}={c.value}" for c in self.http.cookies)
        ws = websocket.create_connection(ws_url, timeout=self.timeout, header=[
            f"Cookie: {cookie}", "Sec-Fetch-Mode: websocket", "Sec-Fetch-Site: same-origin"])
        msg_id = uuid.uuid4().hex
        ws.send(json.dumps({
            "header": {"msg_id": msg_id, "username": self.name, "session": session_id, "msg_type": "execute_request",
                       "version": "5.3", "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}))
        reply, outputs, idle = None, [], False
        deadline = time.monotonic() + self.timeout
        try:
            while time.monotonic() < deadline and not (reply and idle):
                msg = json.loads(ws.recv())
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind = msg["header"]["msg_type"]
                if kind == "execute_reply":
                    reply = msg["content"]
                elif kind == "status" and msg["content"].get("execution_state") == "idle":
                    idle = True
                elif kind in ("stream", "execute_result", "display_data", "error"):
                    outputs.append({"type": kind, **msg["content"]})
        finally:
            ws.close()
            self.http.delete(self._server(f"api/sessions/{session['id']}"), headers=self._server_headers(), timeout=60)
        if reply is None:
            raise HubError(f"{self.name}: no execute_reply within {self.timeout:.0f} s")
        return {"reply": reply, "outputs": outputs}
