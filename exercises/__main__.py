"""`python -m exercises list|student|check-solutions` (see exercises/cli.py)."""

import sys

from .cli import main

sys.exit(main())
