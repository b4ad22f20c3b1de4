"""`python -m ncsi_tui` runs the same command line as `ncsi`."""

import sys

from ncsi_tui.cli import main

sys.exit(main())
