"""The service's own Prometheus metrics (the HTTP ones come from the instrumentator).

Names are a contract with dac's dashboards and rules: change them there too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from time import perf_counter

from prometheus_client import Counter, Gauge, Histogram, Info, disable_created_metrics

# The *_created timestamp series would double the series count and, for
# items_created_total, produce the confusing items_created_created.
disable_created_metrics()

# Info appends "_info": this exports fastapi_app_info{version,environment} 1.
APP_INFO = Info("fastapi_app", "Version and environment of the running Items API")

ITEMS_CREATED = Counter("items_created", "Items created since the process started")
ITEMS_READ = Counter("items_read", "Successful item reads (list or single) since the process started")
ITEMS_UPDATED = Counter("items_updated", "Items updated since the process started")
ITEMS_DELETED = Counter("items_deleted", "Items deleted since the process started")

DB_QUERY_DURATION = Histogram(
    "db_query_duration_seconds",
    "Time spent in database queries, by kind of statement",
    labelnames=("operation",),
    buckets=(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
)

DB_POOL_SIZE = Gauge("db_connection_pool_size", "Configured size of the database connection pool")
DB_POOL_CHECKED_OUT = Gauge("db_connection_pool_checked_out", "Database connections currently lent out by the pool")

DB_OPERATIONS = ("select", "insert", "update", "delete")


def prime_db_operation_series() -> None:
    """Export every operation's series at 0 so rate() works from the first scrape."""
    for operation in DB_OPERATIONS:
        DB_QUERY_DURATION.labels(operation=operation)


def watch_pool(size: Callable[[], float], checked_out: Callable[[], float]) -> None:
    """Read the pool at scrape time, so the gauges can never go stale."""
    DB_POOL_SIZE.set_function(size)
    DB_POOL_CHECKED_OUT.set_function(checked_out)


@contextmanager
def timed_query(operation: str) -> Iterator[None]:
    """Observe the duration of the enclosed database work, failed or not."""
    start = perf_counter()
    try:
        yield
    finally:
        DB_QUERY_DURATION.labels(operation=operation).observe(perf_counter() - start)
