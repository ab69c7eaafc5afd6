"""cpgraph: a graph-based knowledge model of who is responsible for what in corporate parenting strategies."""

__version__ = "0.1.0"
