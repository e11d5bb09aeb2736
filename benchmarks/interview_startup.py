"""How fast `jtbd interview` shows its first frame, next to a baseline from the same process.

Each run starts the real command in a fresh pseudo-terminal, as a researcher would from a
laptop, and stops the clock when the first question appears on the screen. The baseline is
`jtbd --version` in the same kind of terminal: Python plus the command line, no app. The ratio
says what the app itself costs on top of starting the CLI.

    python benchmarks/interview_startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

GUIDE = Path(__file__).resolve().parents[1] / "guides" / "quick-en.yaml"
CLI = [sys.executable, "-c", "from jtbd_kit.cli import main; main()"]


def time_until(args: list[str], marker: bytes | None, cwd: Path) -> float:
    """Seconds from spawning the command to `marker` on its screen (or to its exit when None)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color"}
    start = time.perf_counter()
    proc = subprocess.Popen(CLI + args, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env,
                            start_new_session=True)
    os.close(slave)
    seen = b""
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 30)
            if not ready:
                raise SystemExit(f"no output from {' '.join(args)} in 30 s")
            try:
                seen += os.read(master, 65536)
            except OSError:  # the command exited and closed the terminal
                break
            if marker is not None and marker in seen:
                break
        return time.perf_counter() - start
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        os.close(master)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    app, base = [], []
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        for i in range(runs):
            base.append(time_until(["--version"], None, cwd))
            app.append(time_until(["interview", str(GUIDE), "-p", f"B-{i}", "-r", "Sam", "--db", str(cwd / "b.db")],
                                  b"Q1/5", cwd))
    a, b = statistics.median(app), statistics.median(base)
    print(f"jtbd interview, first frame: median {a * 1000:.0f} ms over {runs} runs "
          f"(min {min(app) * 1000:.0f}, max {max(app) * 1000:.0f})")
    print(f"baseline jtbd --version:     median {b * 1000:.0f} ms")
    print(f"ratio: {a / b:.2f}x the baseline")


if __name__ == "__main__":
    main()
