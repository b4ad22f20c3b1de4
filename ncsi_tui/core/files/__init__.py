"""Files and people: storage (one read: content and revision), the open session, merge, presence, git history, review edits. May import ``core.model``, ``core.judge`` and ``core.errors``."""
