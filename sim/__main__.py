"""``python -m sim``: see :mod:`sim.cli`."""

import sys

from sim.cli import main

# Guarded: worker processes started with "spawn" import this module again.
if __name__ == "__main__":
    sys.exit(main())
