"""Analytics over the graph in the store: overload, gaps, coverage, owner suggestions, officers.

Everything reads ONE NetworkX projection built by :func:`project` from SPARQL results (never the
extractor's objects), so the answers are the same on curated data and on a remote store.

The projection is a ``networkx.MultiDiGraph`` keyed by IRI strings.

Nodes (attribute ``kind``):
    council, strategy, pledge, action — the strategy documents and what they promise;
    post, unit, body, agency, role — who can be responsible (an ``org:Post``, an
    ``org:OrganizationalUnit``, a ``cp:GovernanceBody``, a ``cp:PartnerAgency``, a ``cp:Role``);
    initiative — a named programme an action is linked to;
    theme, principle — SKOS concepts (themes and the seven statutory principles).
    Every node has ``label``, ``key``, ``council`` (the council's key, ``None`` for shared nodes),
    ``text``, ``source`` (file name), ``lines`` ("12-20"), ``due`` ("2025-09"), ``due_precision``,
    ``recurrence``, ``status``, ``rag``, ``number``, ``group`` and ``origin`` (extracted|curated),
    ``None`` where they do not apply. Pledges and actions also carry ``strategy``, ``position``,
    ``measures`` and ``outcomes`` (counts); actions ``pledge`` and ``due_text``; agents
    ``alt_labels`` (expanded abbreviations) and ``national``; strategies ``not_read`` (True
    when the document was not read as a plan: nothing in it was recognised) and ``read_note``
    (what was read instead, and how to see why).

Edges (attribute ``kind``, direction shown):
    pledge → strategy ``in_strategy`` (also body → strategy); strategy → council ``of_council``;
    action → pledge ``under_pledge``;
    post/unit/body/agency/role → action/pledge ``owns`` (keyed by the assignment IRI, with
    ``level`` action|governance|strategy, ``joint``, ``share``, ``origin`` extracted|curated,
    ``assigned_by``, ``assigned_at``, ``hat``, ``owner_text``, ``source``, ``lines``);
    pledge/action → theme ``has_theme``; pledge/action/theme → principle ``serves_principle``;
    action → initiative ``linked_initiative``; body → body ``subgroup_of``;
    post/role → body ``chairs`` and ``member_of``; body → pledge/theme ``oversees``;
    action → action ``duplicate_of``; post → strategy ``lead_of``.
"""

from cpgraph.analytics.coverage import Coverage, NotRead, compute_coverage, documents_not_read
from cpgraph.analytics.gaps import Gap, find_gaps
from cpgraph.analytics.officer import PostMatch, find_posts, responsibilities
from cpgraph.analytics.overload import PostLoad, compute_overload
from cpgraph.analytics.projection import AGENT_KINDS, EDGE_KINDS, NODE_KINDS, project
from cpgraph.analytics.service import Analytics
from cpgraph.analytics.suggest import Suggestion, suggest_owners

__all__ = [
    "AGENT_KINDS", "EDGE_KINDS", "NODE_KINDS", "Analytics", "Coverage", "Gap", "NotRead", "PostLoad",
    "PostMatch", "Suggestion", "compute_coverage", "compute_overload", "documents_not_read", "find_gaps",
    "find_posts",
    "project", "responsibilities", "suggest_owners",
]
