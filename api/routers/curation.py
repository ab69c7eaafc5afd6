"""Curation: owners assigned, statuses reported, corrections made — only with the curation token."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Literal

from fastapi import APIRouter, status
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from api.deps import RuntimeDep, WriterDep
from api.lookups import action_iri, check_key
from cpgraph import curation
from cpgraph.analytics.suggest import SAME_COUNCIL_POST
from cpgraph.errors import InputError, NotFoundError

router = APIRouter(prefix="/api/curation", tags=["curation"])

Key = Annotated[str, Field(min_length=1, max_length=200, description="An action or pledge key.")]
By = Annotated[str, Field(min_length=1, max_length=120, description="Who records this (a name).")]


class AssignmentIn(BaseModel):
    """Assign an owner to an action or pledge, or accept the top suggestion for an action."""

    item: Key
    owner: Annotated[str | None, Field(default=None, max_length=250,
                                       description="A post/unit/body key of the item's council, or council/key.")] = None
    accept_suggestion: bool = False
    by: By


class StatusIn(BaseModel):
    """Report progress on an action."""

    action: Key
    status: Annotated[str, Field(min_length=1, max_length=200)]
    rag: Literal["red", "amber", "green"] | None = None
    by: By


class CorrectionIn(BaseModel):
    """Correct what was read: an item's text or due date (YYYY, YYYY-MM or YYYY-MM-DD)."""

    item: Key
    field: Literal["text", "due"]
    value: Annotated[str, Field(min_length=1, max_length=2000)]
    by: By


def _record(record: curation.Record, runtime) -> dict:
    runtime.changed()
    return dataclasses.asdict(record)


def _item(key: str):
    check_key(key)
    return curation.item_iri(key)


@router.post("/assignments", status_code=status.HTTP_201_CREATED, summary="Assign an owner")
async def post_assignment(body: AssignmentIn, runtime: RuntimeDep, _: WriterDep) -> dict:
    """Record who owns an action or pledge (with who said so and when); it leaves the gaps."""
    item = _item(body.item)
    store = runtime.store()
    if body.accept_suggestion:
        if body.owner:
            raise InputError("give an owner or accept_suggestion, not both")
        found = await run_in_threadpool(runtime.analytics().suggestions, str(action_iri(body.item)))
        if not found:
            raise NotFoundError(f"no owner suggestion for '{body.item}'")
        if found[0].kind != SAME_COUNCIL_POST:  # another council's post is only an example of a kind
            raise InputError(f"the suggestion for '{body.item}' is a kind of post ({found[0].post_label}), "
                             "not a post of this council: name the owner instead")
        owner = found[0].post
        from rdflib import URIRef

        owner_iri = URIRef(owner)
    elif body.owner:
        owner_iri = await run_in_threadpool(curation.resolve_owner, store, item, body.owner)
    else:
        raise InputError("say who owns it: give 'owner', or set 'accept_suggestion'")
    record = await run_in_threadpool(curation.assign, runtime.settings, store, item, owner_iri, body.by)
    return _record(record, runtime)


@router.post("/status", status_code=status.HTTP_201_CREATED, summary="Report an action's status")
async def post_status(body: StatusIn, runtime: RuntimeDep, _: WriterDep) -> dict:
    """Record the status (and RAG) of an action, with who reported it and when."""
    iri = action_iri(body.action)
    record = await run_in_threadpool(curation.report_status, runtime.settings, runtime.store(), iri,
                                     body.status, body.rag, body.by)
    return _record(record, runtime)


@router.post("/corrections", status_code=status.HTTP_201_CREATED, summary="Correct a text or due date")
async def post_correction(body: CorrectionIn, runtime: RuntimeDep, _: WriterDep) -> dict:
    """Record a corrected text or due date; the extracted value is kept and shown beside it."""
    record = await run_in_threadpool(curation.correct, runtime.settings, runtime.store(), _item(body.item),
                                     body.field, body.value, body.by)
    return _record(record, runtime)
