"""Fixtures of the analytics tests: the seeds built into a store once per session."""

from __future__ import annotations

import pytest

from tests.analytics.seeded import seed_analytics, seed_store


@pytest.fixture(scope="session")
def seeds():
    """The store holding the five seeds (read only)."""
    return seed_store()


@pytest.fixture(scope="session")
def seeds_analytics():
    """The analytics facade over the seed store."""
    return seed_analytics()
