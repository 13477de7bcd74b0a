#!/usr/bin/env python3
"""Bounded CRUD traffic for the Items API, standard library only.

The same mix as locustfile.py (list 5, read 3, create 2, update 1, delete 1,
plus occasional reads of ids that may not exist), paced to a fixed request
rate so a 2-core machine keeps headroom for Prometheus and the tests. It stops
by itself after --duration seconds or --max-requests requests, whichever comes
first, and on SIGTERM/SIGINT; either way it prints a JSON summary line.

It only talks to loopback addresses: it is a test tool, not a load cannon.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import random
import signal
import socket
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field

MIX = (("list", 5), ("read", 3), ("create", 2), ("update", 1), ("delete", 1), ("read_any", 1))
# Below this many known items, deletes turn into creates so the data set never drains.
MIN_ITEMS_BEFORE_DELETE = 10
REQUEST_TIMEOUT_SECONDS = 5.0


def require_loopback(base_url: str) -> None:
    host = urllib.parse.urlsplit(base_url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except socket.gaierror as exc:
        raise SystemExit(f"traffic: cannot resolve {host!r}: {exc}") from exc
    if not addresses or not all(ipaddress.ip_address(str(a).split("%")[0]).is_loopback for a in addresses):
        raise SystemExit(f"traffic: refusing non-loopback target {base_url!r}")


@dataclass
class Stats:
    lock: threading.Lock = field(default_factory=threading.Lock)
    by_op_status: Counter = field(default_factory=Counter)

    def record(self, op: str, status: str) -> None:
        with self.lock:
            self.by_op_status[f"{op} {status}"] += 1

    def summary(self, elapsed: float) -> dict:
        with self.lock:
            total = sum(self.by_op_status.values())
            classes: Counter = Counter()
            for key, n in self.by_op_status.items():
                status = key.split(" ", 1)[1]
                classes[status[0] + "xx" if status.isdigit() else status] += n
            return {
                "requests": total,
                "elapsed_seconds": round(elapsed, 2),
                "by_status_class": dict(sorted(classes.items())),
                "by_operation": dict(sorted(self.by_op_status.items())),
            }


class Client:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")

    def call(self, method: str, path: str, body: dict | None = None) -> tuple[str, object]:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base_url + path, data=data, method=method)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=REQUEST_TIMEOUT_SECONDS) as resp:
                raw = resp.read()
                return str(resp.status), (json.loads(raw) if raw else None)
        except urllib.error.HTTPError as exc:
            exc.read()
            return str(exc.code), None
        except (urllib.error.URLError, OSError):
            return "conn_error", None


class Workload:
    def __init__(self, client: Client, stats: Stats, seed: int) -> None:
        self.client = client
        self.stats = stats
        self.rng = random.Random(seed)
        self.rng_lock = threading.Lock()
        self.ids: list[int] = []
        self.ids_lock = threading.Lock()
        self.ops = [op for op, _ in MIX]
        self.weights = [w for _, w in MIX]

    def _pick(self) -> tuple[str, int, float]:
        with self.rng_lock:
            op = self.rng.choices(self.ops, self.weights)[0]
            return op, self.rng.randint(1, 10_000), round(self.rng.uniform(10, 1000), 2)

    def _known_id(self, remove: bool = False) -> int | None:
        with self.ids_lock:
            if not self.ids:
                return None
            if remove and len(self.ids) <= MIN_ITEMS_BEFORE_DELETE:
                return None
            with self.rng_lock:
                index = self.rng.randrange(len(self.ids))
            return self.ids.pop(index) if remove else self.ids[index]

    def create(self, n: int, price: float) -> None:
        status, body = self.client.call("POST", "/items", {"nom": f"Item {n}", "prix": price})
        self.stats.record("create", status)
        if status == "201" and isinstance(body, dict):
            with self.ids_lock:
                self.ids.append(int(body["id"]))

    def step(self) -> None:
        op, n, price = self._pick()
        if op == "list":
            self.stats.record(op, self.client.call("GET", "/items?limit=50")[0])
        elif op == "read":
            item_id = self._known_id()
            if item_id is None:
                return self.create(n, price)
            self.stats.record(op, self.client.call("GET", f"/items/{item_id}")[0])
        elif op == "read_any":
            # Like the course's read-only user: guesses ids, so some reads are 404s.
            self.stats.record(op, self.client.call("GET", f"/items/{n % 50 + 1}")[0])
        elif op == "create":
            self.create(n, price)
        elif op == "update":
            item_id = self._known_id()
            if item_id is None:
                return self.create(n, price)
            body = {"nom": f"Updated {n}", "prix": price}
            self.stats.record(op, self.client.call("PUT", f"/items/{item_id}", body)[0])
        elif op == "delete":
            item_id = self._known_id(remove=True)
            if item_id is None:
                return self.create(n, price)
            self.stats.record(op, self.client.call("DELETE", f"/items/{item_id}")[0])


class Pacer:
    """Hands out request slots at a fixed rate, shared by all workers."""

    def __init__(self, rps: float, max_requests: int, deadline: float, stop: threading.Event) -> None:
        self.interval = 1.0 / rps
        self.max_requests = max_requests
        self.deadline = deadline
        self.stop = stop
        self.lock = threading.Lock()
        self.issued = 0
        self.start = time.monotonic()

    def next_slot(self) -> bool:
        with self.lock:
            if self.issued >= self.max_requests:
                return False
            due = self.start + self.issued * self.interval
            self.issued += 1
        if due >= self.deadline:
            return False
        # Event.wait, not sleep: a stop request interrupts the wait at once.
        return not self.stop.wait(max(0.0, due - time.monotonic())) and time.monotonic() < self.deadline


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--base-url", default="http://127.0.0.1:8000")
    p.add_argument("--duration", type=float, default=60.0, help="seconds (max 3600)")
    p.add_argument("--max-requests", type=int, default=10_000, help="total requests (max 1,000,000)")
    p.add_argument("--rps", type=float, default=20.0, help="target requests per second (max 500)")
    p.add_argument("--workers", type=int, default=4, help="concurrent clients (max 64)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--report-every", type=float, default=30.0, help="seconds between progress lines (0: none)")
    args = p.parse_args(argv)
    if not (0 < args.duration <= 3600 and 0 < args.max_requests <= 1_000_000):
        p.error("--duration must be in (0, 3600] and --max-requests in (0, 1000000]")
    if not (0 < args.rps <= 500 and 0 < args.workers <= 64):
        p.error("--rps must be in (0, 500] and --workers in (0, 64]")
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    require_loopback(args.base_url)

    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())

    stats = Stats()
    workload = Workload(Client(args.base_url), stats, args.seed)
    started = time.monotonic()
    pacer = Pacer(args.rps, args.max_requests, started + args.duration, stop)

    def worker() -> None:
        while pacer.next_slot():
            workload.step()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(args.workers)]
    for t in threads:
        t.start()
    # Joined with a timeout so the main thread stays responsive to signals and
    # can report progress: a long run's log should show it is still working.
    next_report = started + args.report_every
    while any(t.is_alive() for t in threads):
        for t in threads:
            t.join(timeout=0.5)
        if args.report_every > 0 and time.monotonic() >= next_report:
            print(json.dumps({"progress": stats.summary(time.monotonic() - started)}), flush=True)
            next_report += args.report_every

    print(json.dumps(stats.summary(time.monotonic() - started)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
