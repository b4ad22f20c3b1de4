"""Screens of the app; dialogs live in screens/dialogs/."""
