"""The Textual app (`ncsi` / `ncsi PATH`). Imported only by cli/commands/open.py."""
