"""CRUD routes on /items. Business counters move only after the database agreed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Response, status
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from . import repository
from .database import Item, get_session
from .faults import inject_request_faults
from .metrics import ITEMS_CREATED, ITEMS_DELETED, ITEMS_READ, ITEMS_UPDATED


class ItemIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    nom: str = Field(min_length=1, max_length=200)
    prix: float = Field(ge=0, le=1e10)


class ItemOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    nom: str
    prix: float


SessionDep = Annotated[Session, Depends(get_session)]


def build_items_router() -> APIRouter:
    router = APIRouter(prefix="/items", tags=["items"], dependencies=[Depends(inject_request_faults)])

    def existing(session: Session, item_id: int) -> Item:
        item = repository.get_item(session, item_id)
        if item is None:
            raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="item not found")
        return item

    @router.post("", status_code=status.HTTP_201_CREATED)
    def create_item(body: ItemIn, session: SessionDep) -> ItemOut:
        item = repository.create_item(session, body.nom, body.prix)
        ITEMS_CREATED.inc()
        return ItemOut.model_validate(item)

    @router.get("")
    def list_items(
        session: SessionDep,
        skip: Annotated[int, Query(ge=0)] = 0,
        limit: Annotated[int, Query(ge=1, le=100)] = 100,
    ) -> list[ItemOut]:
        items = repository.list_items(session, skip, limit)
        ITEMS_READ.inc()
        return [ItemOut.model_validate(i) for i in items]

    @router.get("/{item_id}")
    def read_item(item_id: int, session: SessionDep) -> ItemOut:
        item = existing(session, item_id)
        ITEMS_READ.inc()
        return ItemOut.model_validate(item)

    @router.put("/{item_id}")
    def update_item(item_id: int, body: ItemIn, session: SessionDep) -> ItemOut:
        item = repository.update_item(session, existing(session, item_id), body.nom, body.prix)
        ITEMS_UPDATED.inc()
        return ItemOut.model_validate(item)

    @router.delete("/{item_id}", status_code=status.HTTP_204_NO_CONTENT)
    def delete_item(item_id: int, session: SessionDep) -> Response:
        repository.delete_item(session, existing(session, item_id))
        ITEMS_DELETED.inc()
        return Response(status_code=status.HTTP_204_NO_CONTENT)

    return router
