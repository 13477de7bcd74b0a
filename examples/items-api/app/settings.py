"""Runtime settings, read once from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass


def _normalise_database_url(url: str) -> str:
    # SQLAlchemy maps a bare "postgresql://" to psycopg2, which is not
    # installed; the pinned driver is psycopg 3.
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    database_url: str
    app_version: str
    app_environment: str
    db_pool_size: int
    db_max_overflow: int
    db_startup_timeout_seconds: float
    fault_admin_enabled: bool

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            database_url=_normalise_database_url(os.environ.get("DATABASE_URL", "sqlite:///./items-api.db")),
            app_version=os.environ.get("APP_VERSION", "1.0.0"),
            app_environment=os.environ.get("APP_ENVIRONMENT", "development"),
            db_pool_size=int(os.environ.get("DB_POOL_SIZE", "5")),
            db_max_overflow=int(os.environ.get("DB_MAX_OVERFLOW", "10")),
            db_startup_timeout_seconds=float(os.environ.get("DB_STARTUP_TIMEOUT_SECONDS", "30")),
            fault_admin_enabled=_flag("FAULT_ADMIN_ENABLED", True),
        )
