"""Run-time fault switches, so tests can make the service fail or slow down for real.

Injected errors are genuine HTTP 500 responses raised inside the matched route,
so the instrumentator counts them under the real handler label; injected latency
is a real sleep inside the request (or inside the database session), so it shows
in http_request_duration_seconds and db_query_duration_seconds.
"""

from __future__ import annotations

import asyncio
import random
import threading
from typing import Annotated

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, ConfigDict, Field

Ratio = Annotated[float, Field(ge=0.0, le=1.0)]
# Bounded so a forgotten switch slows the service down but never hangs a client.
Delay = Annotated[float, Field(ge=0.0, le=10.0)]

ANY_HANDLER = "*"


class FaultSpec(BaseModel):
    """A value applies to every item handler; a mapping targets handler templates
    such as "/items" or "/items/{item_id}", with "*" as the fallback."""

    model_config = ConfigDict(extra="forbid")

    error_ratio: Ratio | dict[str, Ratio] = 0.0
    latency_seconds: Delay | dict[str, Delay] = 0.0
    db_latency_seconds: Delay = 0.0

    def error_ratio_for(self, handler: str) -> float:
        return _for_handler(self.error_ratio, handler)

    def latency_for(self, handler: str) -> float:
        return _for_handler(self.latency_seconds, handler)

    def handler_keys(self) -> set[str]:
        keys: set[str] = set()
        for value in (self.error_ratio, self.latency_seconds):
            if isinstance(value, dict):
                keys.update(value)
        return keys


def _for_handler(value: float | dict[str, float], handler: str) -> float:
    if isinstance(value, dict):
        return value.get(handler, value.get(ANY_HANDLER, 0.0))
    return value


class _Switchboard:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._spec = FaultSpec()
        self._rng = random.Random()

    @property
    def spec(self) -> FaultSpec:
        return self._spec

    def set(self, spec: FaultSpec) -> None:
        with self._lock:
            self._spec = spec

    def roll(self, ratio: float) -> bool:
        with self._lock:
            return self._rng.random() < ratio


SWITCHBOARD = _Switchboard()


def db_latency_seconds() -> float:
    return SWITCHBOARD.spec.db_latency_seconds


async def inject_request_faults(request: Request) -> None:
    """Route dependency: runs after routing, so the route template is known."""
    spec = SWITCHBOARD.spec
    route = request.scope.get("route")
    handler = getattr(route, "path", request.url.path)
    delay = spec.latency_for(handler)
    if delay > 0:
        await asyncio.sleep(delay)
    if SWITCHBOARD.roll(spec.error_ratio_for(handler)):
        raise HTTPException(status_code=500, detail="injected fault")


def build_admin_router(faultable_handlers: frozenset[str]) -> APIRouter:
    router = APIRouter(prefix="/admin", tags=["admin"])

    @router.get("/faults")
    def read_faults() -> FaultSpec:
        return SWITCHBOARD.spec

    @router.put("/faults")
    def replace_faults(spec: FaultSpec) -> FaultSpec:
        # A misspelt handler would otherwise inject nothing and silently pass a test.
        unknown = spec.handler_keys() - faultable_handlers - {ANY_HANDLER}
        if unknown:
            raise HTTPException(
                status_code=422,
                detail=f"unknown handlers {sorted(unknown)}; known: {sorted(faultable_handlers)} or '*'",
            )
        SWITCHBOARD.set(spec)
        return spec

    @router.delete("/faults")
    def clear_faults() -> FaultSpec:
        SWITCHBOARD.set(FaultSpec())
        return SWITCHBOARD.spec

    return router
