"""The rules across files: one module per rule id, each with ``RULE`` and ``check``."""
