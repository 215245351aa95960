"""Choosing pairs: the exact optimum (solve), a greedy baseline (greedy), a dense exact
reference for tests and the benchmark (solve_dense_reference), and the best few
supporters for one request (suggest).

solve() expands each supporter into one slot per free place and finds a maximum-weight
matching of slots to requests on the feasible pairs only, as a minimum-cost full matching
of the slots: a slot's edge to a request costs C - score, and each slot also has a private
"stay empty" column costing C. C is above every score, so every cost is positive and a
slot is filled exactly when that adds to the total score.
"""

import time

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from alongside.matching.engine.explain import describe_pair
from alongside.matching.engine.facts import (
    Proposal,
    RequestFacts,
    RunResult,
    SupporterFacts,
    Weights,
)
from alongside.matching.engine.problem import Problem, build_problem


def solve(
    requests: list[RequestFacts],
    supporters: list[SupporterFacts],
    weights: Weights,
    blocks,
    topic_names: dict[int, str],
) -> RunResult:
    """The set of proposals with the greatest total score (exact)."""
    return _run(assign_exact, requests, supporters, weights, blocks, topic_names)


def greedy(
    requests: list[RequestFacts],
    supporters: list[SupporterFacts],
    weights: Weights,
    blocks,
    topic_names: dict[int, str],
) -> RunResult:
    """Best pair first, while the request and a place are free. A baseline, not optimal."""
    return _run(assign_greedy, requests, supporters, weights, blocks, topic_names)


def solve_dense_reference(
    requests: list[RequestFacts],
    supporters: list[SupporterFacts],
    weights: Weights,
    blocks,
    topic_names: dict[int, str],
) -> RunResult:
    """The exact optimum by a different method, to check solve() against: Hungarian-style
    assignment on the dense slots x requests score matrix (0 where infeasible)."""
    return _run(assign_dense, requests, supporters, weights, blocks, topic_names)


def _run(assign, requests, supporters, weights, blocks, topic_names) -> RunResult:
    """Build the problem, pick pairs with `assign`, and time the whole of it."""
    started = time.perf_counter()
    problem = build_problem(requests, supporters, weights, blocks, topic_names)
    return _result(problem, assign(problem), topic_names, started)


def suggest(
    request: RequestFacts,
    supporters: list[SupporterFacts],
    weights: Weights,
    blocks,
    topic_names: dict[int, str],
    limit: int = 5,
) -> list[Proposal]:
    """The `limit` feasible supporters with free places who score best for `request`."""
    problem = build_problem([request], supporters, weights, blocks, topic_names)
    order = np.lexsort((problem.supporter_index, -problem.score))[: max(0, limit)]
    return [
        _proposal(problem, 0, int(problem.supporter_index[k]), float(problem.score[k]), topic_names)
        for k in order
    ]


def _capacities(problem: Problem) -> np.ndarray:
    return np.array([max(0, s.free_capacity) for s in problem.supporters], dtype=np.int64)


def _edges_by_supporter(problem: Problem):
    order = np.lexsort((problem.request_index, problem.supporter_index))
    return (
        problem.request_index[order],
        problem.supporter_index[order],
        problem.score[order],
    )


def _slots(problem: Problem, edge_supporter: np.ndarray):
    """Slots (one per usable free place) and each supporter's run of edges. A supporter
    never needs more slots than they have feasible requests."""
    S = len(problem.supporters)
    degree = np.bincount(edge_supporter, minlength=S)
    edge_start = np.concatenate(([0], np.cumsum(degree)[:-1]))
    slot_supporter = np.repeat(np.arange(S), np.minimum(_capacities(problem), degree))
    return slot_supporter, degree, edge_start


def assign_exact(problem: Problem) -> list[tuple[int, int]]:
    """(request index, supporter index) pairs of a maximum-score assignment."""
    if not len(problem.score):
        return []
    R = len(problem.requests)
    edge_request, edge_supporter, edge_score = _edges_by_supporter(problem)
    slot_supporter, degree, edge_start = _slots(problem, edge_supporter)
    n_slots = len(slot_supporter)
    row_length = degree[slot_supporter] + 1  # the supporter's edges, then the empty column
    indptr = np.concatenate(([0], np.cumsum(row_length)))
    position = np.arange(indptr[-1]) - np.repeat(indptr[:-1], row_length)
    is_empty_column = position == np.repeat(degree[slot_supporter], row_length)
    edge = np.where(
        is_empty_column, 0, np.repeat(edge_start[slot_supporter], row_length) + position
    )
    slot_of_cell = np.repeat(np.arange(n_slots), row_length)
    ceiling = float(edge_score.max()) + 1.0
    indices = np.where(is_empty_column, R + slot_of_cell, edge_request[edge])
    costs = np.where(is_empty_column, ceiling, ceiling - edge_score[edge])
    graph = csr_matrix(
        (costs, indices.astype(np.int32), indptr.astype(np.int32)), shape=(n_slots, R + n_slots)
    )
    slots, columns = min_weight_full_bipartite_matching(graph)
    filled = columns < R
    return sorted(
        zip(columns[filled].tolist(), slot_supporter[slots[filled]].tolist(), strict=True)
    )


def assign_greedy(problem: Problem) -> list[tuple[int, int]]:
    free = _capacities(problem).tolist()
    taken = [False] * len(problem.requests)
    places_left = sum(free)
    requests_left = len(problem.requests)
    order = np.lexsort((problem.supporter_index, problem.request_index, -problem.score))
    pairs = []
    for r, s in zip(
        problem.request_index[order].tolist(), problem.supporter_index[order].tolist(), strict=True
    ):
        if taken[r] or free[s] <= 0:
            continue
        taken[r] = True
        free[s] -= 1
        pairs.append((r, s))
        places_left -= 1
        requests_left -= 1
        if not places_left or not requests_left:
            break
    return sorted(pairs)


def assign_dense(problem: Problem) -> list[tuple[int, int]]:
    if not len(problem.score):
        return []
    edge_request, edge_supporter, edge_score = _edges_by_supporter(problem)
    slot_supporter, degree, edge_start = _slots(problem, edge_supporter)
    # Only requests with a feasible pair need a column; the optimum is unchanged.
    columns = np.unique(edge_request)
    column_of = np.full(len(problem.requests), -1, dtype=np.int64)
    column_of[columns] = np.arange(len(columns))
    matrix = np.zeros((len(slot_supporter), len(columns)), dtype=np.float64)
    cells = degree[slot_supporter]
    row = np.repeat(np.arange(len(slot_supporter)), cells)
    edge = np.repeat(edge_start[slot_supporter], cells) + (
        np.arange(cells.sum()) - np.repeat(np.cumsum(cells) - cells, cells)
    )
    matrix[row, column_of[edge_request[edge]]] = edge_score[edge]
    rows, cols = linear_sum_assignment(matrix, maximize=True)
    used = matrix[rows, cols] > 0
    return sorted(
        zip(columns[cols[used]].tolist(), slot_supporter[rows[used]].tolist(), strict=True)
    )


def _proposal(problem, r: int, s: int, score: float, topic_names) -> Proposal:
    request, supporter = problem.requests[r], problem.supporters[s]
    return Proposal(
        request_id=request.id,
        supporter_id=supporter.user_id,
        score=score,
        explanation=describe_pair(request, supporter, topic_names),
    )


def pair_scores(problem: Problem, pairs: list[tuple[int, int]]) -> np.ndarray:
    """The scores of chosen pairs, looked up in the problem's sorted edge list."""
    if not pairs:
        return np.zeros(0)
    S = len(problem.supporters)
    keys = problem.request_index * S + problem.supporter_index
    wanted = np.array([r * S + s for r, s in pairs], dtype=np.int64)
    return problem.score[np.searchsorted(keys, wanted)]


def _result(problem: Problem, pairs, topic_names, started: float) -> RunResult:
    scores = pair_scores(problem, pairs)
    proposals = [
        _proposal(problem, r, s, float(score), topic_names)
        for (r, s), score in zip(pairs, scores.tolist(), strict=True)
    ]
    matched = {r for r, _ in pairs}
    return RunResult(
        proposals=proposals,
        unmatched=[req.id for i, req in enumerate(problem.requests) if i not in matched],
        total_score=float(scores.sum()),
        request_count=len(problem.requests),
        supporter_count=len(problem.supporters),
        seconds=time.perf_counter() - started,
    )
