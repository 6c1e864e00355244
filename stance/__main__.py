"""``python -m stance`` runs the ``stance`` command."""

import sys

from .cli import main

sys.exit(main())
