"""Errors a user can cause, with the exit code each one ends the program with.

One handler (``__main__.main``) turns them into a Vietnamese message and the code;
anything else is a bug: a short message, exit 3, and no traceback unless asked for.
"""

from __future__ import annotations


class KehoachError(Exception):
    """A problem the user can fix; the message is Vietnamese and complete."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(KehoachError):
    """Wrong options or arguments, no plan repo, an unknown revision: exit 2."""

    exit_code = 2


EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
