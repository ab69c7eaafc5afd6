"""Finding the council a user named, on the seeds: exactly, or by a close name as posts are found."""

from __future__ import annotations

import pytest

from cpgraph.analytics.council_lookup import find_council
from cpgraph.errors import InputError
from tests.analytics.seeded import seed_analytics


@pytest.fixture(scope="module")
def graph():
    return seed_analytics().graph()


@pytest.mark.parametrize(("typed", "key"), [
    ("leicester-city-council", "leicester-city-council"),  # its key
    ("LEICESTER CITY COUNCIL", "leicester-city-council"),  # its name, any case
    ("https://w3id.org/cpgraph/id/leicester-city-council", "leicester-city-council"),  # its IRI
    ("bracknell", "bracknell-forest-council"),  # part of the name
    ("Staffordshire council", "staffordshire-county-council"),  # words of it
    ("Buckinghamshre", "buckinghamshire-council"),  # misspelt
    ("  leicester   city ", "leicester-city-council"),  # spaces
])
def test_a_council_is_found_by_a_close_name(graph, typed, key):
    assert find_council(graph, typed) == key


def test_a_name_several_councils_share_lists_them(graph):
    with pytest.raises(InputError) as caught:
        find_council(graph, "council")
    message = caught.value.message
    assert "matches" in message and "bracknell-forest-council" in message and "\n" not in message


def test_no_council_of_that_name_lists_those_loaded(graph):
    with pytest.raises(InputError, match="no council 'Atlantis' in the store; councils: bracknell-forest-council"):
        find_council(graph, "Atlantis")
