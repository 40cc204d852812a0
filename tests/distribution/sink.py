"""A mail sink in a process of its own: a real SMTP server on loopback that writes down every letter it takes.

    .venv/bin/python tests/distribution/sink.py PORT LOG [--fsync]

Each letter is one line appended to LOG — its envelope recipients, its
Message-ID and the moment it arrived, tab-separated — written (and flushed,
and with ``--fsync`` synced) *before* the server answers 250. So a line in the
log is a letter the sender may believe delivered, and a letter the sender was
told was taken always has its line, whatever happens to either process after.

The sink runs apart from the process under test so that killing that process
kills nothing here, and so that in a benchmark the sink's work does not share
the sender's interpreter lock. SIGTERM stops it between two steps of the
protocol, like ``systemctl stop`` stops a mail server; SIGKILL stops it dead.

``Sink`` starts and stops it from a test or a benchmark and reads the log back.
"""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

MESSAGE_ID = re.compile(rb"^message-id:[ \t]*(\S+)", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Received:
    to: str
    message_id: str
    at: float


class Sink:
    """The sink as a child process on ``port``, logging to ``log`` (kept across restarts: lines are appended)."""

    def __init__(self, port: int, log: Path, *, fsync: bool = True) -> None:
        self.port = port
        self.log = Path(log)
        self.fsync = fsync
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 10.0) -> Sink:
        command = [sys.executable, __file__, str(self.port), str(self.log)] + (["--fsync"] if self.fsync else [])
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE)
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        line = self.process.stdout.readline() if ready else b""
        if line.strip() != b"ready":
            self.process.kill()
            self.process.wait()
            raise RuntimeError(f"the SMTP sink did not start on port {self.port}")
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """SIGTERM, and wait until the port is closed."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout)
        self.process = None

    def __enter__(self) -> Sink:
        return self.start()

    def __exit__(self, *exc) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.process = None

    def received(self) -> list[Received]:
        if not self.log.exists():
            return []
        rows = []
        for line in self.log.read_text(encoding="utf-8").splitlines():
            to, message_id, at = line.split("\t")
            rows.append(Received(to, message_id, float(at)))
        return rows

    def count(self) -> int:
        """Letters taken so far (cheap enough to poll every few milliseconds)."""
        try:
            with self.log.open("rb") as handle:
                return handle.read().count(b"\n")
        except FileNotFoundError:
            return 0

    def wait_for(self, count: int, timeout: float = 20.0) -> int:
        """Return as soon as ``count`` letters were taken; the count then (may be a few more)."""
        deadline = time.monotonic() + timeout
        while (seen := self.count()) < count:
            if time.monotonic() > deadline:
                raise TimeoutError(f"the sink took {seen} letters, not {count}, in {timeout} s")
            time.sleep(0.002)
        return seen


class Recorder:
    """aiosmtpd's handler: one line per letter, on disk before the 250."""

    def __init__(self, log: Path, fsync: bool) -> None:
        self.handle = open(log, "ab")  # noqa: SIM115 (open for the life of the process)
        self.fsync = fsync

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd's hook name)
        found = MESSAGE_ID.search(envelope.original_content or envelope.content)
        message_id = found.group(1).decode("ascii", "replace") if found else "-"
        line = f"{','.join(envelope.rcpt_tos)}\t{message_id}\t{time.time():.6f}\n"
        self.handle.write(line.encode("utf-8"))
        self.handle.flush()
        if self.fsync:
            os.fsync(self.handle.fileno())
        return "250 Message accepted for delivery"


def serve(port: int, log: Path, fsync: bool) -> None:
    from aiosmtpd.controller import Controller

    stop_signals = {signal.SIGTERM, signal.SIGINT}
    # Blocked before the server's thread starts, so only this thread receives them (in sigwait).
    signal.pthread_sigmask(signal.SIG_BLOCK, stop_signals)
    controller = Controller(Recorder(log, fsync), hostname="127.0.0.1", port=port)
    controller.start()
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    signal.sigwait(stop_signals)
    controller.stop()


if __name__ == "__main__":
    arguments = sys.argv[1:]
    serve(int(arguments[0]), Path(arguments[1]), "--fsync" in arguments)
