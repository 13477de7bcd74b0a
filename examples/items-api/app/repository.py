"""Item persistence. Every statement is timed into db_query_duration_seconds."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import faults
from .database import Item, hold_connection_for
from .metrics import timed_query


@contextmanager
def _db_call(session: Session, operation: str) -> Iterator[None]:
    with timed_query(operation):
        delay = faults.db_latency_seconds()
        if delay > 0:
            hold_connection_for(session, delay)
        yield


def list_items(session: Session, skip: int, limit: int) -> Sequence[Item]:
    with _db_call(session, "select"):
        return session.scalars(select(Item).order_by(Item.id).offset(skip).limit(limit)).all()


def get_item(session: Session, item_id: int) -> Item | None:
    with _db_call(session, "select"):
        return session.get(Item, item_id)


def create_item(session: Session, nom: str, prix: float) -> Item:
    with _db_call(session, "insert"):
        item = Item(nom=nom, prix=prix)
        session.add(item)
        session.commit()
        return item


def update_item(session: Session, item: Item, nom: str, prix: float) -> Item:
    with _db_call(session, "update"):
        item.nom = nom
        item.prix = prix
        session.commit()
        return item


def delete_item(session: Session, item: Item) -> None:
    with _db_call(session, "delete"):
        session.delete(item)
        session.commit()
