"""kehoach: a commune's annual plan as validated data, tracked and reported."""

__version__ = "0.2.0"
