"""Properties of the owner splitter on any text: it never fails, never yields an empty or
padded name, never yields one name twice, and reading its own output back (owners joined by
" / ", as a person would list them) gives the same owners."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cpgraph.resolve import split_owners

# Pieces owner fields are made of, so examples look like real fields as often as like noise.
PIECES = ["Team Manager", "Head of Service", ":", ",", " and ", " / ", "/", ";", " & ", "(", ")", "Elevate Lead",
          "Virtual School Headteacher", "Assistant Director: Education and Learning", "CLA", "CSST", "ATM",
          "Leaving Care", " ", "  ", ".", "'", "\u2019", "\"", "-", "Corporate Parenting Panel", "Chair", "NHS",
          "=cmd|'calc'!A0", "<script>", "\u00a0", "\t"]
fields = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=12).map("".join),
    st.text(max_size=80),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=10).map("".join),
)

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def names(field: str) -> list[str]:
    """The owner names read from ``field``."""
    return [o.name for o in split_owners(field)]


@SETTINGS
@given(fields)
@example("Team Manager: CLA, CSST, Family Safeguarding")
@example("Virtual School and Team Manager: Family Placement")
@example("Virtual School Headteacher (Elevate Lead)")
@example("\x000\x00 and Head of Service")
def test_owner_names_are_never_empty_padded_or_repeated(field):
    found = split_owners(field)
    for owner in found:
        assert owner.name and owner.name == owner.name.strip(), found
        assert "\x00" not in owner.name or "\x00" in field, found
        assert owner.hat is None or owner.hat.strip(), found
    folded = [o.name.casefold() for o in found]
    assert len(folded) == len(set(folded)), found


@SETTINGS
@given(fields)
@example("Team Manager: CLA, CSST, Family Safeguarding")
@example("Head of Service: Life Chances / Virtual School")
@example("Team Manager,Assistant Director: Education and Learning,")
@example("Team Manager,\", and ")
@example("Assistant Director: Education and Learning,(,Team Manager")
@example("Assistant Director: Education and Learning, and CLA")
@example("Team Manager: and Assistant Director: Education and Learning,")
@example("0,0:0,0")
def test_splitting_its_own_output_gives_the_same_owners(field):
    first = names(field)
    assert names(" / ".join(first)) == first
