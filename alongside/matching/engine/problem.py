"""Feasibility and scores for every request x supporter pair at once.

The same rules as `checks.py`, vectorised: requests are only paired with supporters who
offer their kind and have a free place; sets become bitmasks in the narrowest integer
that holds them (languages, ways of meeting, age groups, genders, topics); availability is
a 0/1 matrix of the week's half-hour blocks, so that overlap is one matrix product;
distance is the chord between points on the unit sphere, worked out only for the pairs
who could meet in person alone (and for scoring); text similarity is the cosine of TF-IDF
vectors fitted on this run's texts. Rows are done in chunks, so memory stays small
whatever the number of requests. The result is the list of feasible pairs ("edges") with
their scores.
"""

import time
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from alongside.matching.engine.checks import (
    IN_PERSON,
    chord_limit,
    km_from_chord_squared,
    unit_vector,
)
from alongside.matching.engine.facts import (
    BLOCK_MINUTES,
    FULL_OVERLAP_MINUTES,
    FULL_WAIT_DAYS,
    SCORE_FLOOR,
    SCORE_SPAN,
    RequestFacts,
    SupporterFacts,
    Weights,
)

BLOCKS_PER_WEEK = 336
CHUNK_CELLS = 2_000_000  # request x supporter cells worked on at once
DENSE_TEXT_CELLS = 40_000_000  # words x supporters kept dense for the text product


@dataclass
class Problem:
    requests: list[RequestFacts]
    supporters: list[SupporterFacts]
    # Feasible pairs, sorted by request then supporter (indexes into the lists above).
    request_index: np.ndarray
    supporter_index: np.ndarray
    score: np.ndarray
    seconds: float = 0.0

    @property
    def pair_count(self) -> int:
        return len(self.requests) * len(self.supporters)

    @property
    def density(self) -> float:
        return len(self.score) / self.pair_count if self.pair_count else 0.0


class _Bits:
    """Values of one small vocabulary as bits of the narrowest integer that holds them
    (narrow integers make the pairwise tests several times faster), in 63-bit words past
    31 values."""

    def __init__(self, *collections):
        values = sorted({v for collection in collections for item in collection for v in item})
        self.position = {value: i for i, value in enumerate(values)}
        count = len(values)
        if count <= 31:
            self.dtype = np.int8 if count <= 7 else np.int16 if count <= 15 else np.int32
            self.width, self.words = 31, 1
        else:
            self.dtype, self.width, self.words = np.int64, 63, -(-count // 63)

    def masks(self, sets) -> np.ndarray:
        out = np.zeros((len(sets), self.words), dtype=np.int64)
        for row, values in enumerate(sets):
            for value in values:
                if value in self.position:
                    word, bit = divmod(self.position[value], self.width)
                    out[row, word] |= 1 << bit
        return out.astype(self.dtype)

    def bit(self, value) -> int:
        return 1 << self.position[value]


def _intersects(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    out = (a[:, None, 0] & b[None, :, 0]) != 0
    for word in range(1, a.shape[1]):
        out |= (a[:, None, word] & b[None, :, word]) != 0
    return out


def _contains(allowed: np.ndarray, value: np.ndarray) -> np.ndarray:
    """allowed[i] (a mask, 0 meaning "anything") admits value[j] (one bit, 0 if unknown)."""
    return (allowed[:, None, 0] == 0) | _intersects(allowed, value)


def _week_matrices(requests, supporters) -> tuple[np.ndarray, np.ndarray]:
    """Each side's week as 0/1 columns, with runs of half-hour blocks that start and end
    together for everyone merged into one column counting their blocks (fewer columns,
    the same overlap: week_r @ week_s)."""

    def matrix(people):
        out = np.zeros((len(people), BLOCKS_PER_WEEK), dtype=np.float32)
        for row, person in enumerate(people):
            out[row, [b for b in person.half_hours if 0 <= b < BLOCKS_PER_WEEK]] = 1.0
        return out

    week_r, week_s = matrix(requests), matrix(supporters)
    used = week_r.any(axis=0) & week_s.any(axis=0)
    week_r, week_s = week_r[:, used], week_s[:, used]
    if not used.any():
        return np.zeros((len(requests), 1), np.float32), np.zeros((1, len(supporters)), np.float32)
    blocks = np.flatnonzero(used)
    both = np.vstack([week_r, week_s])
    changes = np.any(both[:, 1:] != both[:, :-1], axis=0) | (np.diff(blocks) != 1)
    starts = np.concatenate(([0], np.flatnonzero(changes) + 1))
    lengths = np.diff(np.append(starts, len(blocks))).astype(np.float32)
    return week_r[:, starts] * lengths[None, :], np.ascontiguousarray(week_s[:, starts].T)


def _document(text: str, topic_ids, topic_names: dict[int, str]) -> str:
    names = [topic_names.get(t, "") for t in sorted(topic_ids)]
    return " ".join([text or "", *names])


def _tfidf(requests, supporters, topic_names):
    """Request rows (sparse) and supporter columns (dense when small) of L2-normalised
    TF-IDF vectors, keeping only words both sides use: other words add nothing to a
    cosine, and the vectors were normalised before they were dropped."""
    documents = [_document(r.text, r.topic_ids, topic_names) for r in requests] + [
        _document(s.text, s.topic_ids, topic_names) for s in supporters
    ]
    try:
        vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english", dtype=np.float32)
        vectors = vectorizer.fit_transform(documents).tocsc()
    except ValueError:  # no words at all (every text empty or only stop words)
        return None, None
    text_r, text_s = vectors[: len(requests)], vectors[len(requests) :]
    shared = np.flatnonzero((text_r.getnnz(axis=0) > 0) & (text_s.getnnz(axis=0) > 0))
    if not len(shared):
        return None, None
    text_r, text_s_t = text_r[:, shared].tocsr(), text_s[:, shared].T.tocsr()
    if len(shared) * len(supporters) <= DENSE_TEXT_CELLS:
        text_s_t = text_s_t.toarray()
    return text_r, text_s_t


def _units(people) -> list[np.ndarray]:
    """x, y and z of each person's place on the unit sphere, as three arrays."""
    units = np.array([unit_vector(p.latitude, p.longitude) for p in people], dtype=np.float64)
    return [np.ascontiguousarray(units.reshape(-1, 3)[:, axis]) for axis in range(3)]


def build_problem(
    requests: list[RequestFacts],
    supporters: list[SupporterFacts],
    weights: Weights,
    blocks,
    topic_names: dict[int, str],
) -> Problem:
    started = time.perf_counter()
    requests, supporters = list(requests), list(supporters)
    empty = np.zeros(0, dtype=np.int64)
    if not requests or not supporters:
        return Problem(requests, supporters, empty, empty, np.zeros(0), 0.0)
    facts = _Facts(requests, supporters, weights, blocks, topic_names)
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    # Only supporters offering a request's kind, with a free place, can be paired with it.
    for kind in sorted({r.kind for r in requests}):
        rows = np.array([i for i, r in enumerate(requests) if r.kind == kind], dtype=np.int64)
        columns = np.array(
            [j for j, s in enumerate(supporters) if kind in s.kinds and s.free_capacity > 0],
            dtype=np.int64,
        )
        if not len(columns):
            continue
        chunk = max(1, CHUNK_CELLS // len(columns))
        for start in range(0, len(rows), chunk):
            edges = facts.edges(rows[start : start + chunk], columns)
            if edges is not None:
                parts.append(edges)
    if not parts:
        return Problem(requests, supporters, empty, empty, np.zeros(0), 0.0)
    request_index = np.concatenate([p[0] for p in parts])
    supporter_index = np.concatenate([p[1] for p in parts])
    scores = np.concatenate([p[2] for p in parts])
    order = np.lexsort((supporter_index, request_index))
    return Problem(
        requests,
        supporters,
        request_index[order],
        supporter_index[order],
        scores[order],
        time.perf_counter() - started,
    )


class _Facts:
    """Both sides' facts as arrays, and the feasible pairs and scores of one block of
    requests x supporters."""

    def __init__(self, requests, supporters, weights: Weights, blocks, topic_names):
        self.weights = weights
        languages = _Bits([r.languages for r in requests])
        self.lang_r = languages.masks([r.languages for r in requests])
        self.lang_s = languages.masks([s.languages for s in supporters])
        modes = _Bits([[IN_PERSON]], [r.modes for r in requests], [s.modes for s in supporters])
        self.in_person = modes.bit(IN_PERSON)
        self.modes_r = modes.masks([r.modes for r in requests])[:, 0]
        self.modes_s = modes.masks([s.modes for s in supporters])[:, 0]
        ages = _Bits(
            [[r.age_group] for r in requests if r.age_group],
            [[s.age_group] for s in supporters if s.age_group],
            [r.supporter_age_groups for r in requests],
            [s.comfortable_age_groups for s in supporters],
        )
        self.age_r = ages.masks([[r.age_group] if r.age_group else [] for r in requests])
        self.age_s = ages.masks([[s.age_group] if s.age_group else [] for s in supporters])
        self.comfortable_s = ages.masks([s.comfortable_age_groups for s in supporters])
        self.wanted_age_r = ages.masks([r.supporter_age_groups for r in requests])
        genders = _Bits(
            [r.supporter_genders for r in requests], [[s.gender] for s in supporters if s.gender]
        )
        self.gender_s = genders.masks([[s.gender] if s.gender else [] for s in supporters])
        self.wanted_gender_r = genders.masks([r.supporter_genders for r in requests])
        topics = _Bits([r.topic_ids for r in requests], [s.topic_ids for s in supporters])
        self.topics_r = topics.masks([r.topic_ids for r in requests])
        self.topics_s = topics.masks([s.topic_ids for s in supporters])
        self.topic_count_r = np.array([len(r.topic_ids) for r in requests], dtype=np.float64)
        self.shared_needed_r = np.array([r.shared_experience_important for r in requests])
        self.week_r, self.week_s_t = _week_matrices(requests, supporters)
        self.text_r, self.text_s_t = (
            _tfidf(requests, supporters, topic_names) if weights.text else (None, None)
        )
        self.unit_r = _units(requests)
        self.unit_s = _units(supporters)
        self.limit_s = np.array([chord_limit(s.max_distance_km) for s in supporters])
        self.max_km_s = np.array(
            [np.nan if s.max_distance_km is None else s.max_distance_km for s in supporters],
            dtype=np.float64,
        )
        self.waiting_r = np.clip(
            np.array([r.waiting_days for r in requests], dtype=np.float64) / FULL_WAIT_DAYS,
            0,
            1,
        )
        self.excluded = _excluded_pairs(requests, supporters, blocks)

    def edges(self, rows: np.ndarray, columns: np.ndarray):
        """Feasible (request, supporter, score) triples among rows x columns, or None."""
        shared_modes = self.modes_r[rows, None] & self.modes_s[None, columns]
        ok = (shared_modes != 0) & _intersects(self.lang_r[rows], self.lang_s[columns])
        ok &= _contains(self.comfortable_s[columns], self.age_r[rows]).T
        ok &= _contains(self.wanted_gender_r[rows], self.gender_s[columns])
        ok &= _contains(self.wanted_age_r[rows], self.age_s[columns])
        needed = self.shared_needed_r[rows]
        if needed.any():
            ok[needed] &= _intersects(self.topics_r[rows[needed]], self.topics_s[columns])
        overlap = self.week_r[rows] @ self.week_s_t[:, columns]
        ok &= overlap >= self.weights.min_overlap_blocks
        self._exclude(ok, rows, columns)
        cells = np.flatnonzero(ok)
        # Meeting in person only: both need a place, within the supporter's distance.
        only_in_person = shared_modes.ravel()[cells] == self.in_person
        if only_in_person.any():
            i, j = np.divmod(cells[only_in_person], len(columns))
            keep = ~only_in_person
            keep[only_in_person] = self._within_reach(rows[i], columns[j])
            cells = cells[keep]
        if not len(cells):
            return None
        i, j = np.divmod(cells, len(columns))
        r, s = rows[i], columns[j]
        weights = self.weights
        score = np.zeros(len(cells), dtype=np.float64)
        if weights.total > 0:
            count = self.topic_count_r[r]
            shared_topics = _shared_count(self.topics_r[r], self.topics_s[s])
            topic_part = np.divide(shared_topics, count, out=np.zeros(len(r)), where=count > 0)
            availability_part = np.minimum(
                overlap.ravel()[cells].astype(np.float64) * BLOCK_MINUTES / FULL_OVERLAP_MINUTES,
                1.0,
            )
            score = (
                weights.topics * topic_part
                + weights.text * self._text(rows, columns, cells)
                + weights.availability * availability_part
                + weights.distance * self._distance_part(r, s)
                + weights.waiting * self.waiting_r[r]
            ) * (SCORE_SPAN / weights.total)
        return r, s, score + SCORE_FLOOR

    def _exclude(self, ok, rows, columns):
        """Blocked pairs, and a member's own supporter profile."""
        if not len(self.excluded):
            return
        row_at = np.full(len(self.waiting_r), -1, dtype=np.int64)
        row_at[rows] = np.arange(len(rows))
        column_at = np.full(len(self.limit_s), -1, dtype=np.int64)
        column_at[columns] = np.arange(len(columns))
        i, j = row_at[self.excluded[:, 0]], column_at[self.excluded[:, 1]]
        inside = (i >= 0) & (j >= 0)
        ok[i[inside], j[inside]] = False

    def _chord_squared(self, r, s) -> np.ndarray:
        dx = self.unit_r[0][r] - self.unit_s[0][s]
        dy = self.unit_r[1][r] - self.unit_s[1][s]
        dz = self.unit_r[2][r] - self.unit_s[2][s]
        return dx * dx + dy * dy + dz * dz

    def _within_reach(self, r, s) -> np.ndarray:
        with np.errstate(invalid="ignore"):
            return self._chord_squared(r, s) <= self.limit_s[s]  # False where NaN

    def _text(self, rows, columns, cells) -> np.ndarray:
        if self.text_r is None:
            return np.zeros(len(cells))
        similarity = self.text_r[rows] @ self.text_s_t[:, columns]
        if not isinstance(similarity, np.ndarray):
            similarity = similarity.toarray()
        return np.clip(similarity.ravel()[cells].astype(np.float64), 0.0, 1.0)

    def _distance_part(self, r, s) -> np.ndarray:
        """1 if the person doesn't want to meet in person; if both would and both have
        places, how near they are within the supporter's travel distance; otherwise 0."""
        request_in_person = (self.modes_r[r] & self.in_person) != 0
        both = request_in_person & ((self.modes_s[s] & self.in_person) != 0)
        part = np.where(request_in_person, 0.0, 1.0)
        if both.any():
            km = km_from_chord_squared(self._chord_squared(r[both], s[both]))
            max_km = self.max_km_s[s[both]]
            with np.errstate(invalid="ignore", divide="ignore"):
                nearness = np.where(max_km > 0, 1.0 - km / max_km, 0.0)
            part[both] = np.nan_to_num(np.maximum(nearness, 0.0), nan=0.0)
        return part


def _shared_count(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """How many bits each row pair of two bitmask arrays has in common."""
    return sum(np.bitwise_count(a[:, w] & b[:, w]) for w in range(a.shape[1])).astype(np.float64)


def _excluded_pairs(requests, supporters, blocks) -> np.ndarray:
    """(row, column) pairs never to be proposed: blocked pairs, and a member paired with
    their own supporter profile."""
    rows_of_member: dict[int, list[int]] = {}
    for row, r in enumerate(requests):
        rows_of_member.setdefault(r.member_id, []).append(row)
    columns_of_user: dict[int, list[int]] = {}
    for column, s in enumerate(supporters):
        columns_of_user.setdefault(s.user_id, []).append(column)
    people = [(user, user) for user in columns_of_user if user in rows_of_member]
    pairs = [
        (row, column)
        for member_id, user_id in [*(blocks or ()), *people]
        for row in rows_of_member.get(member_id, ())
        for column in columns_of_user.get(user_id, ())
    ]
    return np.array(pairs, dtype=np.int64).reshape(-1, 2)
