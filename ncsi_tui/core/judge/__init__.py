"""Judging: scoring (the only place a score is computed), readiness rules, link check. May import ``core.model`` and ``core.errors``."""
