"""Modal dialogs: each a ModalScreen[T] returning a value; escape cancels."""
