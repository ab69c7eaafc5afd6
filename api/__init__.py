"""The cpgraph web service: REST resources, HTML pages, a SPARQL 1.1 endpoint and curation.

``create_app`` is imported lazily so that SPARQL worker processes, which import ``api`` modules,
start without loading the web framework.
"""

from __future__ import annotations

__all__ = ["create_app"]


def __getattr__(name: str):
    if name == "create_app":
        from api.app import create_app

        return create_app
    raise AttributeError(name)
