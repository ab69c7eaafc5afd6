"""``python -m cpgraph`` runs the command line, like the ``cpgraph`` script."""

import sys

from cpgraph.cli import main

if __name__ == "__main__":
    sys.exit(main())
