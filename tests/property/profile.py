"""The settings of the property tests, in one place: the tests use them, and
tests/corpus/make_doc.py prints them in docs/robustness.md.

In CI the examples are few and fixed (``derandomize=True``: the same inputs on every run,
so a failure is reproducible). Locally, ``KEHOACH_FUZZ_EXAMPLES=5000`` runs that many
examples per test, with fresh random inputs each run.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

ENV_VAR = "KEHOACH_FUZZ_EXAMPLES"

# max_examples per test in CI: the whole property suite stays under ~60 s on 2 cores.
CI_EXAMPLES = {
    "test_mutated_result_file": 150,
    "test_mutated_plan_file": 80,
    "test_generated_documents": 200,
    "test_parsers_agree": 300,
    "test_random_bytes": 300,
    "test_random_text": 400,
    "test_cli_on_mutated_repo": 25,
    "test_report_docx_valid_for_any_accepted_text": 8,
    "test_sua_fixes_generated_mistakes": 60,
    "test_sua_is_idempotent": 40,
    "test_sua_never_changes_a_generated_valid_file": 40,
    "test_any_valid_result_round_trips": 40,
}
MAX_FILE_BYTES = 6_000  # the size of a generated or mutated file: no run can hang
EXAMPLE_SECONDS = 10.0  # a single example taking longer is a failure (a quadratic blow-up)


def examples(test: str) -> int:
    given = os.environ.get(ENV_VAR, "").strip()
    return int(given) if given.isdigit() and int(given) > 0 else CI_EXAMPLES[test]


def longer_run() -> bool:
    return bool(os.environ.get(ENV_VAR, "").strip())


def for_test(test: str) -> settings:
    return settings(
        max_examples=examples(test),
        deadline=None,
        derandomize=not longer_run(),
        database=None,
        print_blob=True,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
            HealthCheck.function_scoped_fixture,
        ],
    )
