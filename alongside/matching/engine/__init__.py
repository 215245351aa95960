"""The matching engine: which request and supporter pairs are possible, how good each is,
and the set of proposals with the greatest total score.

Pure Python with numpy, scipy and scikit-learn; only `load.py` reads the database (its
names are imported on first use, so the rest works without Django set up).
"""

from alongside.matching.engine.checks import pair_problems
from alongside.matching.engine.explain import describe_pair, explain_unmatched
from alongside.matching.engine.facts import (
    Proposal,
    RequestFacts,
    RunResult,
    SupporterFacts,
    Weights,
)
from alongside.matching.engine.problem import Problem, build_problem
from alongside.matching.engine.solver import greedy, solve, solve_dense_reference, suggest

# Imported on first use: they need Django set up.
_FROM_LOAD = {
    "eligible_supporters",
    "load_blocks",
    "load_requests",
    "load_supporters",
    "load_topic_names",
    "request_facts",
    "supporter_facts",
}

# The names from load.py are left out, so that `import *` needs no Django.
__all__ = [
    "Problem",
    "Proposal",
    "RequestFacts",
    "RunResult",
    "SupporterFacts",
    "Weights",
    "build_problem",
    "describe_pair",
    "explain_unmatched",
    "greedy",
    "pair_problems",
    "solve",
    "solve_dense_reference",
    "suggest",
]


def __getattr__(name):
    if name in _FROM_LOAD:
        from alongside.matching.engine import load

        return getattr(load, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
