"""Application assembly: `uvicorn app.main:app`."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Response
from fastapi.routing import APIRoute
from prometheus_fastapi_instrumentator import Instrumentator

from . import database
from .faults import build_admin_router
from .items import build_items_router
from .metrics import APP_INFO, prime_db_operation_series, watch_pool
from .settings import Settings

# Operational endpoints stay out of the HTTP metrics, or scrapes, probes and
# fault switching would count as user traffic in every dashboard and SLO.
NOT_INSTRUMENTED = [r"^/metrics$", r"^/healthz$", r"^/admin/"]


def create_app(settings: Settings) -> FastAPI:
    engine = database.make_engine(settings)
    sessions = database.session_factory(engine)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        database.create_schema(engine, settings.db_startup_timeout_seconds)
        yield
        engine.dispose()

    app = FastAPI(title="Items API", version=settings.app_version, lifespan=lifespan)

    app.state.sessions = sessions

    items_router = build_items_router()
    app.include_router(items_router)
    if settings.fault_admin_enabled:
        faultable = frozenset(r.path for r in items_router.routes if isinstance(r, APIRoute))
        app.include_router(build_admin_router(faultable))

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> Response:
        with sessions() as session:
            database.ping(session)
        return Response(content="ok", media_type="text/plain")

    APP_INFO.info({"version": settings.app_version, "environment": settings.app_environment})
    prime_db_operation_series()
    watch_pool(lambda: database.pool_size(engine), lambda: database.pool_checked_out(engine))

    # Bucket boundaries are the library's defaults, as in the course (no latency_*_buckets): dac's
    # fastapi-instrumentator profile declares exactly these, and `dac validate --metrics-url` checks it.
    instrumentator = Instrumentator(
        should_group_status_codes=False,
        should_ignore_untemplated=True,
        should_instrument_requests_inprogress=True,
        inprogress_labels=True,
        excluded_handlers=NOT_INSTRUMENTED,
    )
    instrumentator.instrument(app).expose(app, endpoint="/metrics", include_in_schema=False)
    return app


logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
app = create_app(Settings.from_env())
