"""The git plan-repo fixtures of tests/check/gitrepos.py for the tests of this folder:
an isolated git (autouse), ``repo`` (a committed plan repo) and ``run`` (the CLI)."""

from tests.check.gitrepos import _environment, repo, run  # noqa: F401
