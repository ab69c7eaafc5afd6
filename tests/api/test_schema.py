"""Schemathesis against /openapi.json of a running server: no operation answers 500, and every
error has the one error body. Bounded: a few deterministic examples per operation."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig


@pytest.fixture(scope="module")
def api_schema(server):
    # The coverage phase alone sends dozens of cases per operation; the fuzzing phase with a few
    # deterministic examples keeps the run bounded.
    config = SchemathesisConfig.from_str("""
[phases.coverage]
enabled = false
[phases.stateful]
enabled = false
""")
    return schemathesis.openapi.from_url(f"{server.url}/openapi.json", config=config)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=3, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_no_operation_fails(case):
    response = case.call(timeout=30)
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text[:300]}"
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"error", "message"} and isinstance(body["message"], str)
