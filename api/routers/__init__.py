"""One router per resource; ``ROUTERS`` is the order the app includes them in."""

from api.routers import (
    actions,
    agencies,
    bodies,
    councils,
    coverage,
    curation,
    gaps,
    initiatives,
    overload,
    pages,
    pledges,
    posts,
    queries,
    search,
    sparql,
    strategies,
    suggestions,
    themes,
    views,
)

ROUTERS = [m.router for m in (councils, strategies, pledges, actions, posts, bodies, agencies, initiatives,
                              themes, gaps, overload, coverage, suggestions, search, sparql, queries,
                              curation, pages, views)] + [overload.pages]
