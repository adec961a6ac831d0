"""Start the services as real processes on this machine.

Used by `make run` (asn_deploy.local.run), the end-to-end tests (tests/e2e) and the benchmark
(bench/pipeline_benchmark.py). Standard library only, so anything can import it:

    from asn_deploy.local.system import LocalSystem
    from asn_deploy.rabbitmq.rabbitmqctl import create_vhost, delete_vhost, vhost_url

    create_vhost("asn-try")
    with LocalSystem(amqp_url=vhost_url("amqp://guest:guest@127.0.0.1:5672/", "asn-try"),
                     data_dir=Path("/tmp/asn/data"), log_dir=Path("/tmp/asn/log"),
                     smtp_port=8025) as system:
        system.migrate()          # `<svc>-service migrate` for each service with a database
        system.start()            # `<svc>-service run`, waits for GET /health/ready == 200
        ...
    delete_vhost("asn-try")

The services require a bearer token on every route but the public ones (asn_shared.identity).
Give the system an issuer and sign tokens with its folder (asn_deploy.identity.files):

    with DevIssuer(folder=Path("/tmp/asn/issuer"), port=8090, log_dir=log_dir) as issuer, \
            LocalSystem(..., issuer=issuer.url) as system:
        system.start()
        IssuerFiles(issuer.folder).token("197501012000031002")   # a bearer token for that NIP

The services are the four event services and the audit service, whose writer fills the audit
stream `asn.audit`. It has no database: `migrate` skips it, `services_with_database` leaves it out.
Each service runs its own console script (`assessment-service run`, ...) found next to the
running interpreter (or in `bin_dir`), in a process group of its own, with stdout/stderr appended
to `<log_dir>/<service>.log`. Processes are stopped on `__exit__`, at interpreter exit, and (when
started from the main thread on Linux) also when this process dies without cleaning up.

Every service runs with `ASN_LOCAL_DEVELOPMENT=true` (a local run: an http issuer is allowed, and
without `issuer` the services start with authentication off, every protected route answering
401). `DevIssuer` runs the development issuer (`python -m asn_deploy.identity.issuer`) the same way.
"""

from __future__ import annotations

import atexit
import ctypes
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import weakref
from collections.abc import Iterable, Mapping
from pathlib import Path

__all__ = [
    "DEFAULT_HTTP_PORTS",
    "SERVICES",
    "WITHOUT_DATABASE",
    "DevIssuer",
    "LocalSystem",
    "LocalSystemError",
]

SERVICES: tuple[str, ...] = ("assessment", "feedback", "sanctions", "notifications", "audit")
# Services with nothing to migrate or rebuild: the audit writer keeps its state in the broker.
WITHOUT_DATABASE: frozenset[str] = frozenset({"audit"})
DEFAULT_HTTP_PORTS: dict[str, int] = {
    "assessment": 8101,
    "feedback": 8102,
    "sanctions": 8103,
    "notifications": 8104,
    "audit": 8105,
}
READY_TIMEOUT_SECONDS = 60.0
LOG_TAIL_LINES = 30
# The settings naming how the services check bearer tokens (asn_shared.settings): with an issuer
# of ours, a developer's shell must not point them at another provider's audience or claims.
AUTH_SETTINGS_PREFIX = "ASN_AUTH_"


class LocalSystemError(RuntimeError):
    """A service could not be migrated or started; the message carries its output."""


# ------------------------------------------------------------------------------------------------
# processes
# ------------------------------------------------------------------------------------------------

_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Linux: SIGTERM the child when the process that started it dies (even by SIGKILL)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except Exception:
        pass


def _port_in_use(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def _http_status(url: str, timeout: float = 2.0) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (OSError, ValueError):
        return None


_LIVE: weakref.WeakSet[LocalSystem | DevIssuer] = weakref.WeakSet()


@atexit.register
def _stop_all_at_exit() -> None:
    for system in list(_LIVE):
        try:
            system.stop(timeout=10)
        except Exception:
            pass


class LocalSystem:
    """The services as child processes; a context manager that always stops them."""

    def __init__(
        self,
        *,
        amqp_url: str,
        data_dir: Path,
        log_dir: Path,
        smtp_port: int,
        http_ports: Mapping[str, int] | None = None,
        services: Iterable[str] = SERVICES,
        bin_dir: Path | None = None,
        extra_env: Mapping[str, str] | None = None,
        smtp_host: str = "127.0.0.1",
        issuer: str | None = None,
    ) -> None:
        self.amqp_url = amqp_url
        # ASN_AUTH_ISSUER of every service: the development issuer's URL (DevIssuer.url).
        self.issuer = issuer
        self.data_dir = Path(data_dir).absolute()
        self.log_dir = Path(log_dir).absolute()
        self.smtp_host = smtp_host
        self.smtp_port = smtp_port
        self.services: tuple[str, ...] = tuple(services)
        ports = dict(DEFAULT_HTTP_PORTS)
        ports.update(http_ports or {})
        missing = [s for s in self.services if s not in ports]
        if missing:
            raise ValueError(f"no HTTP port for {missing}")
        self._ports = {s: ports[s] for s in self.services}
        # Not resolved: a venv's bin/python is a symlink, and its scripts are next to the link.
        self.bin_dir = Path(bin_dir) if bin_dir else Path(sys.executable).parent
        self.extra_env = dict(extra_env or {})
        self._procs: dict[str, subprocess.Popen[bytes]] = {}
        self._lock = threading.RLock()
        _LIVE.add(self)

    # -- context manager ----------------------------------------------------------------------

    def __enter__(self) -> LocalSystem:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- facts --------------------------------------------------------------------------------

    @property
    def ports(self) -> dict[str, int]:
        return dict(self._ports)

    def url(self, name: str, path: str = "") -> str:
        return f"http://127.0.0.1:{self._ports[name]}{path}"

    def health_url(self, name: str) -> str:
        return self.url(name, "/health/ready")

    def log_path(self, name: str) -> Path:
        return self.log_dir / f"{name}.log"

    @property
    def services_with_database(self) -> tuple[str, ...]:
        """The services of this system that have a database (all but the audit service)."""
        return tuple(s for s in self.services if s not in WITHOUT_DATABASE)

    def database_path(self, name: str) -> Path:
        """The default SQLite file (unless <SVC>_DATABASE_URL points elsewhere)."""
        return self.data_dir / f"{name}.db"

    def log_lines(self, name: str) -> list[str]:
        path = self.log_path(name)
        if not path.exists():
            return []
        return path.read_text(encoding="utf-8", errors="replace").splitlines()

    def pid(self, name: str) -> int | None:
        proc = self._procs.get(name)
        return proc.pid if proc and proc.poll() is None else None

    def running(self) -> list[str]:
        return [n for n, p in self._procs.items() if p.poll() is None]

    def exited(self) -> dict[str, int]:
        """Services started by us that have exited since, with their exit codes."""
        return {n: p.returncode for n, p in self._procs.items() if p.poll() is not None}

    def environment(self, name: str | None = None) -> dict[str, str]:
        env = dict(os.environ)
        if self.issuer is not None:
            env = {k: v for k, v in env.items() if not k.startswith(AUTH_SETTINGS_PREFIX)}
            env["ASN_AUTH_ISSUER"] = self.issuer
        env.update(
            {
                "AMQP_URL": self.amqp_url,
                "ASN_DATA_DIR": str(self.data_dir),
                # A run on this machine: an http issuer (DevIssuer), or none at all.
                "ASN_LOCAL_DEVELOPMENT": "true",
                "NOTIFICATIONS_SMTP_HOST": self.smtp_host,
                "NOTIFICATIONS_SMTP_PORT": str(self.smtp_port),
                "PYTHONUNBUFFERED": "1",
            }
        )
        for service, port in self._ports.items():
            prefix = service.upper()
            env[f"{prefix}_HTTP_PORT"] = str(port)
            env.setdefault(f"{prefix}_LOG_JSON", "true")
        key = self.contact_key()
        env.setdefault("FEEDBACK_CONTACT_KEY", key)
        env.setdefault("NOTIFICATIONS_CONTACT_KEY", key)
        env.update(self.extra_env)
        return env

    def contact_key(self) -> str:
        """The key feedback and notifications share to seal complainants' contact: made once per
        data directory and kept there (mode 600), so a restart opens what was sealed before."""
        path = self.data_dir / "contact.key"
        if not path.exists():
            from cryptography.fernet import Fernet  # installed with asn-shared

            self.data_dir.mkdir(parents=True, exist_ok=True)
            path.write_bytes(Fernet.generate_key())
            path.chmod(0o600)
        return path.read_text(encoding="ascii").strip()

    def _script(self, name: str) -> str:
        path = self.bin_dir / f"{name}-service"
        if not path.exists():
            raise LocalSystemError(
                f"{path} not found: install the service into this environment "
                f"(pip install -e shared -e services/{name})"
            )
        return str(path)

    # -- lifecycle ----------------------------------------------------------------------------

    def migrate(self, *names: str) -> None:
        """Run `<svc>-service migrate` for each service with a database (all by default)."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        for name in [n for n in names or self.services if n not in WITHOUT_DATABASE]:
            command = [self._script(name), "migrate"]
            result = subprocess.run(
                command,
                env=self.environment(name),
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                timeout=120,
            )
            if result.returncode != 0:
                raise LocalSystemError(
                    f"{name}-service migrate failed (exit {result.returncode}):\n{result.stdout}"
                )

    def start(self, *names: str, timeout: float = READY_TIMEOUT_SECONDS) -> None:
        """Start services (all by default) and wait until each answers /health/ready with 200."""
        names = names or self.services
        for name in names:
            if name not in self._ports:
                raise ValueError(f"unknown service {name!r}; this system runs {self.services}")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        with self._lock:
            busy = [
                f"{n} :{self._ports[n]}"
                for n in names
                if not self.pid(n) and _port_in_use(self._ports[n])
            ]
            if busy:  # checked for all before starting any
                raise LocalSystemError(
                    f"port(s) already in use: {', '.join(busy)} (another `make run`, a test run "
                    f"or a stray service?): find the process with `ss -ltnp`"
                )
            for name in names:
                self._spawn(name)
        self._wait_ready(names, timeout)

    def _wait_ready(self, names: Iterable[str], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        pending = list(names)
        while pending:
            for name in list(pending):
                proc = self._procs[name]
                if proc.poll() is not None:
                    raise LocalSystemError(
                        f"{name}-service exited with {proc.returncode} before it was ready; "
                        f"last lines of {self.log_path(name)}:\n{self._tail(name)}"
                    )
                if _http_status(self.health_url(name)) == 200:
                    pending.remove(name)
            if not pending:
                break
            if time.monotonic() > deadline:
                name = pending[0]
                raise LocalSystemError(
                    f"{name}-service not ready ({self.health_url(name)}) after {timeout:.0f}s; "
                    f"last lines of {self.log_path(name)}:\n{self._tail(name)}"
                )
            time.sleep(0.2)

    def _spawn(self, name: str) -> None:
        current = self._procs.get(name)
        if current is not None and current.poll() is None:
            raise LocalSystemError(f"{name}-service is already running (pid {current.pid})")
        port = self._ports[name]
        if _port_in_use(port):
            raise LocalSystemError(
                f"port {port} for {name}-service is already in use (another `make run`, a test "
                f"run or a stray service?): find it with `ss -ltnp 'sport = :{port}'`"
            )
        script = self._script(name)
        log_path = self.log_path(name)
        with open(log_path, "ab") as log:
            log.write(
                f"--- {time.strftime('%Y-%m-%dT%H:%M:%S%z')} starting {name}-service run\n".encode()
            )
            log.flush()
            on_main_thread = threading.current_thread() is threading.main_thread()
            self._procs[name] = subprocess.Popen(
                [script, "run"],
                env=self.environment(name),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: signals reach all its children
                # PDEATHSIG belongs to the thread that forked: only safe from the main thread.
                preexec_fn=_die_with_parent if on_main_thread and sys.platform == "linux" else None,
            )

    def _signal(self, proc: subprocess.Popen[bytes], sig: int) -> None:
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            pass
        except PermissionError:
            proc.send_signal(sig)

    def stop(self, name: str | None = None, timeout: float = 15) -> None:
        """SIGTERM (all services, or one), wait up to `timeout`, then SIGKILL what is left."""
        with self._lock:
            names = [name] if name else list(self._procs)
            procs = [(n, self._procs[n]) for n in names if n in self._procs]
            for _, proc in procs:
                if proc.poll() is None:
                    self._signal(proc, signal.SIGTERM)
            deadline = time.monotonic() + timeout
            for _, proc in procs:
                try:
                    proc.wait(timeout=max(0.0, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    self._signal(proc, signal.SIGKILL)
                    proc.wait(timeout=10)
                # The group may still hold grandchildren; they go with it.
                self._signal(proc, signal.SIGKILL)
            for n, _ in procs:
                self._procs.pop(n, None)

    def kill(self, name: str) -> None:
        """SIGKILL a service's process group (a crash, for tests); no chance to clean up."""
        with self._lock:
            proc = self._procs.get(name)
            if proc is None:
                return
            self._signal(proc, signal.SIGKILL)
            proc.wait(timeout=10)

    def restart(self, name: str, timeout: float = READY_TIMEOUT_SECONDS) -> None:
        self.stop(name)
        self.start(name, timeout=timeout)

    def _tail(self, name: str, lines: int = LOG_TAIL_LINES) -> str:
        return "\n".join(self.log_lines(name)[-lines:]) or "(empty log)"

    def __repr__(self) -> str:
        return f"LocalSystem(services={self.services}, running={self.running()})"


class DevIssuer:
    """The development identity provider (`asn-dev-issuer`) as a child process.

    It serves the discovery document and the JWKS of `folder` on 127.0.0.1:`port`, making the
    signing key there at its first start and keeping it (a new folder, a new key). Tokens are
    signed from the same folder: `IssuerFiles(folder).token(nip, roles)` (asn_deploy.identity),
    or `asn-dev-token --dir <folder> --nip NIP`.
    """

    def __init__(
        self,
        *,
        folder: Path,
        port: int,
        log_dir: Path,
        host: str = "127.0.0.1",
        python: str | None = None,
    ) -> None:
        self.folder = Path(folder).absolute()
        self.host, self.port = host, port
        self.log_path = Path(log_dir).absolute() / "dev_issuer.log"
        self.python = python or sys.executable
        self.proc: subprocess.Popen[bytes] | None = None
        _LIVE.add(self)

    @property
    def url(self) -> str:
        """The issuer (`iss` of its tokens, ASN_AUTH_ISSUER of the services)."""
        return f"http://{self.host}:{self.port}"

    @property
    def discovery_url(self) -> str:
        return f"{self.url}/.well-known/openid-configuration"

    def __enter__(self) -> DevIssuer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self, timeout: float = 30.0) -> None:
        """Start it and wait until its discovery document answers 200."""
        if self.proc is not None and self.proc.poll() is None:
            raise LocalSystemError(f"the development issuer is running already ({self.proc.pid})")
        if _port_in_use(self.port, self.host):
            raise LocalSystemError(
                f"port {self.port} for the development issuer is already in use (another `make "
                f"run`?): find it with `ss -ltnp 'sport = :{self.port}'`"
            )
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        command = [
            self.python,
            "-m",
            "asn_deploy.identity.issuer",
            "--host",
            self.host,
            "--port",
            str(self.port),
            "--dir",
            str(self.folder),
        ]
        on_main_thread = threading.current_thread() is threading.main_thread()
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=_die_with_parent if on_main_thread and sys.platform == "linux" else None,
            )
        deadline = time.monotonic() + timeout
        while _http_status(self.discovery_url) != 200:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                tail = self.log_path.read_text(errors="replace")[-2000:]
                self.stop()
                raise LocalSystemError(f"the development issuer did not start:\n{tail}")
            time.sleep(0.1)

    def stop(self, timeout: float = 10) -> None:
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
