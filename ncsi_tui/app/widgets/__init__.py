"""Widgets of the assessment and start screens."""
