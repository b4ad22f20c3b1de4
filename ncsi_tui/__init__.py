"""ncsi-tui: national cyber security capacity self-assessments in the terminal."""

__version__ = "0.1.0"
#: the maker every document written names (exports, --json documents): how a later
#: export knows it may replace the file (core/files/places.py)
GENERATOR = f"ncsi-tui {__version__}"
