"""ncsi-tui: national cyber security capacity self-assessments in the terminal."""

__version__ = "0.1.0"
