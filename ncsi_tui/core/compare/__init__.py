"""Comparing: diff, unit changes, trend, carry forward, follow-up (and the overview and crosswalks). May import ``core.model``, ``core.judge`` and ``core.errors``."""
