"""The core, in rooms that import only downwards: model < judge < files, compare < export, importers (errors.py is shared by all). No UI imports, ever."""
