"""Imports every command module so each registers its commands on the app."""

from cpgraph.cli import (
    analyse,  # noqa: F401
    core,  # noqa: F401
    curate,  # noqa: F401
    serve,  # noqa: F401
    view,  # noqa: F401
)
