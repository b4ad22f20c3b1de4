"""Importers: turn text that already exists elsewhere into an assessment to review.

``ncsi_page`` reads an NCSI country page as a browser copies it. Callers: the CLI's
``ncsi import`` and the app's new-assessment dialog.
"""
