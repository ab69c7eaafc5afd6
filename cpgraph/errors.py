"""Domain errors. Each carries a one-line message fit to show a user as it is."""

from __future__ import annotations


class CpgraphError(Exception):
    """Base of all errors cpgraph reports to a user (never shown with a traceback)."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message.splitlines()[0] if message else "unknown error"


class InputError(CpgraphError):
    """The user gave input cpgraph cannot use (bad file, bad argument, bad query). Exit 2."""


class NotFoundError(CpgraphError):
    """A named thing (post, pledge, query, view) does not exist. Exit 2 / HTTP 404."""


class StoreUnavailableError(CpgraphError):
    """The store cannot be reached or opened. Exit 2 / HTTP 503."""


class QueryTimeoutError(CpgraphError):
    """A query ran past its time limit. HTTP 503."""


class ForbiddenError(CpgraphError):
    """The operation is not allowed (writes without a token, SPARQL updates). HTTP 403."""
