"""Entry point for ``python -m bw``."""

import sys

from bw.cli import main

sys.exit(main())
