"""The data: catalogue, assessment, reference and review models, catalogue sheets; pure data, no I/O beyond parsing. May import only ``core.errors``."""
