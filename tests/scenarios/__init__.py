"""Named plan repos that several test modules share, each written with ``helpers.make_repo``.

- :mod:`tests.scenarios.report`: quarter II of 2026 with every kind of target, task and
  submission, for the report and its command;
- :mod:`tests.scenarios.attainment`: small repos of targets, tasks and results given as
  dicts, for the attainment, status and status-view tests.
"""
