"""`python -m onrecord.cli`."""

import sys

from onrecord.cli import main

sys.exit(main())
