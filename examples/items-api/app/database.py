"""Engine, schema and sessions."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

from fastapi import Request
from sqlalchemy import Engine, Numeric, String, create_engine, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from .settings import Settings

log = logging.getLogger("items_api.database")


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "items"

    id: Mapped[int] = mapped_column(primary_key=True)
    nom: Mapped[str] = mapped_column(String(200))
    # Numeric, not float: prices must not pick up binary rounding errors.
    prix: Mapped[float] = mapped_column(Numeric(12, 2, asdecimal=False))


def make_engine(settings: Settings) -> Engine:
    if settings.is_sqlite:
        # FastAPI runs sync handlers on a thread pool; SQLite's same-thread check
        # would reject connections handed between those threads.
        return create_engine(
            settings.database_url,
            connect_args={"check_same_thread": False},
            pool_size=settings.db_pool_size,
            max_overflow=settings.db_max_overflow,
        )
    return create_engine(
        settings.database_url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_pre_ping=True,
        pool_timeout=10,
    )


def create_schema(engine: Engine, timeout_seconds: float) -> None:
    """Create tables, waiting (bounded) for a database that is still starting."""
    deadline = time.monotonic() + timeout_seconds
    while True:
        try:
            Base.metadata.create_all(engine)
            return
        except OperationalError as exc:
            if time.monotonic() >= deadline:
                raise
            log.warning("database not reachable yet (%s); retrying", exc.orig)
            time.sleep(0.5)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


def pool_size(engine: Engine) -> float:
    size = getattr(engine.pool, "size", None)
    return float(size()) if callable(size) else 1.0


def pool_checked_out(engine: Engine) -> float:
    checkedout = getattr(engine.pool, "checkedout", None)
    return float(checkedout()) if callable(checkedout) else 0.0


def hold_connection_for(session: Session, seconds: float) -> None:
    """Make the database itself slow: the connection stays checked out meanwhile."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_sleep(:s)"), {"s": seconds})
    else:
        session.connection()
        time.sleep(seconds)


def ping(session: Session) -> None:
    session.execute(text("SELECT 1"))


def get_session(request: Request) -> Iterator[Session]:
    """Request dependency; create_app() puts the session factory on app.state."""
    with request.app.state.sessions() as session:
        yield session
