"""The matching engine at the size of a large organisation's waiting list.

Generates (seeded numpy RNG, no database) 10,000 open requests and 2,000 supporters with
1 to 3 free places each, with constraints of realistic density: most people speak only
English, about 8% Welsh (mostly living in Wales), a few other languages; about 35% of
requests want to meet only in person, around 30 UK towns, supporters travelling 5 to
25 km; 2 to 6 weekly times each; 1 to 3 of 15 topics with matching words in their text;
some gender and age preferences; both kinds of support. Then, each run:

- builds the problem (feasibility and scores of every pair),
- solves it exactly (solve), and times the whole of solve() including explanations,
- runs the greedy baseline, and once the dense exact reference (scipy's
  linear_sum_assignment on the full slots x requests matrix),

and prints medians over the runs: feasible-pair density, times, people matched, total
scores, and whether solve() equals the reference.

    .venv/bin/python bench/matching.py [--requests 10000] [--supporters 2000] [--runs 3]
        [--seed 7] [--no-reference]
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from alongside.matching.engine import (
    RequestFacts,
    SupporterFacts,
    Weights,
    build_problem,
    solve,
)
from alongside.matching.engine.explain import describe_pair
from alongside.matching.engine.solver import (
    assign_dense,
    assign_exact,
    assign_greedy,
    pair_scores,
)

# (name, latitude, longitude, relative size, in Wales)
TOWNS = [
    ("London", 51.5074, -0.1278, 9.0, False),
    ("Birmingham", 52.4862, -1.8904, 2.5, False),
    ("Manchester", 53.4808, -2.2426, 2.5, False),
    ("Leeds", 53.8008, -1.5491, 1.8, False),
    ("Glasgow", 55.8642, -4.2518, 1.6, False),
    ("Liverpool", 53.4084, -2.9916, 1.5, False),
    ("Newcastle upon Tyne", 54.9783, -1.6178, 1.2, False),
    ("Sheffield", 53.3811, -1.4701, 1.2, False),
    ("Bristol", 51.4545, -2.5879, 1.2, False),
    ("Edinburgh", 55.9533, -3.1883, 1.1, False),
    ("Leicester", 52.6369, -1.1398, 0.9, False),
    ("Nottingham", 52.9548, -1.1581, 0.9, False),
    ("Belfast", 54.5973, -5.9301, 0.9, False),
    ("Southampton", 50.9097, -1.4044, 0.7, False),
    ("Brighton", 50.8225, -0.1372, 0.7, False),
    ("Plymouth", 50.3755, -4.1427, 0.6, False),
    ("Norwich", 52.6309, 1.2974, 0.5, False),
    ("Aberdeen", 57.1497, -2.0943, 0.5, False),
    ("Oxford", 51.7520, -1.2577, 0.5, False),
    ("Cambridge", 52.2053, 0.1218, 0.5, False),
    ("York", 53.9591, -1.0815, 0.5, False),
    ("Hull", 53.7676, -0.3274, 0.6, False),
    ("Exeter", 50.7184, -3.5339, 0.4, False),
    ("Carlisle", 54.8925, -2.9329, 0.3, False),
    ("Inverness", 57.4778, -4.2247, 0.3, False),
    ("Cardiff", 51.4816, -3.1791, 1.0, True),
    ("Swansea", 51.6214, -3.9436, 0.6, True),
    ("Wrexham", 53.0462, -2.9930, 0.3, True),
    ("Bangor", 53.2274, -4.1293, 0.2, True),
    ("Aberystwyth", 52.4153, -4.0829, 0.2, True),
]
TOPICS = {
    1: ("Anxiety", "anxiety worry panic nervous racing thoughts calm breathing"),
    2: ("Depression", "depression low mood flat tired hopeless motivation dark days"),
    3: ("Bereavement", "bereavement grief loss died funeral mourning missing mum dad"),
    4: ("Loneliness", "lonely isolated alone friends company talk nobody"),
    5: ("Caring for someone", "carer caring looking after parent partner respite"),
    6: ("Long-term illness", "illness chronic pain fatigue diagnosis hospital treatment"),
    7: ("Addiction recovery", "recovery drinking alcohol drugs sober relapse meetings"),
    8: ("Parenting", "parent baby children toddler teenager school new mum dad"),
    9: ("Work and money", "job work unemployed debt money bills redundancy"),
    10: ("Eating problems", "eating food body weight meals restricting bingeing"),
    11: ("Trauma", "trauma flashbacks nightmares abuse safe triggers"),
    12: ("LGBTQ+ life", "gay lesbian trans queer coming out identity pride"),
    13: ("Moving to the UK", "moved country refugee asylum language new culture home"),
    14: ("Neurodivergence", "autism autistic adhd diagnosis sensory masking"),
    15: ("Student life", "university student exams course halls studying"),
}
FILLER = [
    "would",
    "like",
    "someone",
    "to",
    "talk",
    "to",
    "about",
    "things",
    "week",
    "meet",
    "chat",
    "listen",
    "support",
    "help",
    "confidence",
    "getting",
    "out",
    "going",
    "again",
    "feel",
    "better",
    "understand",
    "been",
    "through",
    "similar",
]
OTHER_LANGUAGES = ["pl", "ur", "pa", "ar", "bfi", "ro", "so", "bn"]
AGE_GROUPS = ["18_24", "25_34", "35_44", "45_54", "55_64", "65_plus"]
GENDERS = ["woman", "man", "non_binary"]


def _place(rng, welsh: bool):
    weights = np.array([t[3] * (6.0 if t[4] == welsh and welsh else 1.0) for t in TOWNS])
    town = TOWNS[rng.choice(len(TOWNS), p=weights / weights.sum())]
    lat = town[1] + rng.normal(0, 0.05)  # about 5 km of spread around the town
    lon = town[2] + rng.normal(0, 0.08)
    return float(lat), float(lon), town[0]


def _languages(rng) -> frozenset[str]:
    roll = rng.random()
    if roll < 0.85:
        return frozenset({"en"})
    if roll < 0.93:
        return frozenset({"cy", "en"}) if rng.random() < 0.8 else frozenset({"cy"})
    other = OTHER_LANGUAGES[rng.integers(len(OTHER_LANGUAGES))]
    return frozenset({other, "en"}) if rng.random() < 0.5 else frozenset({other})


def _week(rng) -> frozenset[int]:
    blocks: set[int] = set()
    for _ in range(rng.integers(2, 7)):
        day = int(rng.integers(7))
        start_hour = int(rng.choice([9, 10, 11, 13, 14, 17, 18, 19, 20]))
        length = int(rng.integers(2, 7))  # 1 to 3 hours
        start = day * 48 + start_hour * 2
        blocks.update(range(start, min(start + length, day * 48 + 48)))
    return frozenset(blocks)


def _topics_and_text(rng, count: int) -> tuple[frozenset[int], str]:
    weights = 1.0 / np.arange(1, len(TOPICS) + 1) ** 0.7
    ids = rng.choice(list(TOPICS), size=count, replace=False, p=weights / weights.sum())
    words = []
    for topic in ids:
        vocabulary = TOPICS[int(topic)][1].split()
        words += list(rng.choice(vocabulary, size=int(rng.integers(3, 7))))
    words += list(rng.choice(FILLER, size=int(rng.integers(8, 20))))
    rng.shuffle(words)
    return frozenset(int(t) for t in ids), " ".join(words)


def _subset(rng, values, probability) -> frozenset[str]:
    return frozenset(v for v in values if rng.random() < probability)


def make_requests(rng, count: int) -> list[RequestFacts]:
    requests = []
    for i in range(count):
        languages = _languages(rng)
        lat, lon, town = _place(rng, "cy" in languages)
        if rng.random() < 0.35:
            modes = frozenset({"in_person"})
        else:
            modes = _subset(rng, ["in_person", "video", "phone", "text_chat"], 0.5) or frozenset(
                {"phone"}
            )
        topics, text = _topics_and_text(rng, int(rng.integers(1, 4)))
        genders = frozenset()
        if rng.random() < 0.15:
            genders = frozenset({"woman"}) if rng.random() < 0.8 else frozenset({"man"})
        age = AGE_GROUPS[rng.integers(len(AGE_GROUPS))]
        wanted_ages = frozenset()
        if rng.random() < 0.1:
            index = AGE_GROUPS.index(age)
            wanted_ages = frozenset(AGE_GROUPS[max(0, index - 1) : index + 2])
        requests.append(
            RequestFacts(
                id=i + 1,
                member_id=i + 1,
                kind="befriending" if rng.random() < 0.6 else "mentoring",
                topic_ids=topics,
                text=text,
                modes=modes,
                half_hours=_week(rng),
                languages=languages,
                latitude=lat,
                longitude=lon,
                age_group=age,
                supporter_genders=genders,
                supporter_age_groups=wanted_ages,
                shared_experience_important=bool(rng.random() < 0.2),
                waiting_days=float(rng.exponential(30.0)),
                place_name=town,
            )
        )
    return requests


def make_supporters(rng, count: int) -> list[SupporterFacts]:
    supporters = []
    for i in range(count):
        languages = _languages(rng)
        lat, lon, town = _place(rng, "cy" in languages)
        modes = _subset(rng, ["in_person", "video", "phone", "text_chat"], 0.6) or frozenset(
            {"phone"}
        )
        roll = rng.random()
        kinds = {"befriending"} if roll < 0.5 else {"mentoring"} if roll < 0.8 else None
        topics, text = _topics_and_text(rng, int(rng.integers(1, 5)))
        comfortable = frozenset()
        if rng.random() < 0.2:
            comfortable = frozenset(rng.choice(AGE_GROUPS, size=3, replace=False).tolist())
        supporters.append(
            SupporterFacts(
                user_id=100_000 + i,
                kinds=frozenset(kinds or {"befriending", "mentoring"}),
                topic_ids=topics,
                text=text,
                modes=modes,
                half_hours=_week(rng),
                languages=languages,
                latitude=lat,
                longitude=lon,
                max_distance_km=float(rng.integers(5, 26)) if "in_person" in modes else None,
                free_capacity=int(rng.integers(1, 4)),
                age_group=AGE_GROUPS[rng.integers(len(AGE_GROUPS))],
                gender=GENDERS[rng.choice(3, p=[0.6, 0.35, 0.05])],
                comfortable_age_groups=comfortable,
                place_name=town,
            )
        )
    return supporters


def make_blocks(rng, requests, supporters, count: int) -> set[tuple[int, int]]:
    return {
        (
            requests[rng.integers(len(requests))].member_id,
            supporters[rng.integers(len(supporters))].user_id,
        )
        for _ in range(count)
    }


def one_run(requests, supporters, weights, blocks, topic_names, reference: bool) -> dict:
    started = time.perf_counter()
    problem = build_problem(requests, supporters, weights, blocks, topic_names)
    built = time.perf_counter()
    pairs = assign_exact(problem)
    solved = time.perf_counter()
    for r, s in pairs:
        describe_pair(problem.requests[r], problem.supporters[s], topic_names)
    explained = time.perf_counter()

    whole = time.perf_counter()
    result = solve(requests, supporters, weights, blocks, topic_names)
    whole = time.perf_counter() - whole

    greedy_started = time.perf_counter()
    greedy_pairs = assign_greedy(problem)
    greedy_seconds = time.perf_counter() - greedy_started
    figures = {
        "pairs": problem.pair_count,
        "feasible": len(problem.score),
        "density": problem.density,
        "slots": sum(s.free_capacity for s in supporters),
        "build": built - started,
        "assign": solved - built,
        "explain": explained - solved,
        "build+assign": solved - started,
        "solve()": whole,
        "matched": len(result.proposals),
        "total": result.total_score,
        "greedy_matched": len(greedy_pairs),
        "greedy_total": float(pair_scores(problem, greedy_pairs).sum()),
        "greedy_seconds": greedy_seconds,
    }
    if reference:
        dense_started = time.perf_counter()
        dense_pairs = assign_dense(problem)
        figures["reference_seconds"] = time.perf_counter() - dense_started
        figures["reference_matched"] = len(dense_pairs)
        figures["reference_total"] = float(pair_scores(problem, dense_pairs).sum())
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--supporters", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--blocks", type=int, default=200)
    parser.add_argument("--no-reference", action="store_true", help="skip the dense reference")
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    made = time.perf_counter()
    requests = make_requests(rng, args.requests)
    supporters = make_supporters(rng, args.supporters)
    blocks = make_blocks(rng, requests, supporters, args.blocks)
    topic_names = {topic: name for topic, (name, _) in TOPICS.items()}
    weights = Weights()
    print(
        f"{len(requests):,} requests, {len(supporters):,} supporters "
        f"({sum(s.free_capacity for s in supporters):,} free places), {len(blocks)} blocked "
        f"pairs; generated in {time.perf_counter() - made:.1f} s"
    )
    runs = []
    for run in range(args.runs):
        figures = one_run(
            requests,
            supporters,
            weights,
            blocks,
            topic_names,
            reference=not args.no_reference and run == 0,
        )
        runs.append(figures)
        print(
            f"run {run + 1}: build {figures['build']:.2f} s, assign {figures['assign']:.2f} s, "
            f"explanations {figures['explain']:.2f} s, solve() {figures['solve()']:.2f} s"
        )

    def median(key):
        return statistics.median(r[key] for r in runs)

    first = runs[0]
    print()
    print(
        f"feasible pairs       {first['feasible']:,} of {first['pairs']:,} ({first['density']:.1%})"
    )
    print(f"build problem        {median('build'):.2f} s (median of {len(runs)})")
    print(f"exact assignment     {median('assign'):.2f} s")
    print(f"build + assignment   {median('build+assign'):.2f} s")
    print(f"explanations         {median('explain'):.2f} s")
    print(f"solve() end to end   {median('solve()'):.2f} s")
    print(f"solve:     matched {first['matched']:,}, total score {first['total']:,.3f}")
    print(
        f"greedy:    matched {first['greedy_matched']:,}, total score "
        f"{first['greedy_total']:,.3f} ({median('greedy_seconds'):.2f} s after the build; "
        f"{first['greedy_total'] / first['total']:.2%} of the optimum)"
    )
    if "reference_total" in first:
        same = abs(first["reference_total"] - first["total"]) <= 1e-6 * max(1.0, first["total"])
        print(
            f"reference: matched {first['reference_matched']:,}, total score "
            f"{first['reference_total']:,.3f} ({first['reference_seconds']:.1f} s after the "
            "build)"
        )
        print(f"solve equals the exact reference: {'yes' if same else 'NO'}")
        if not same:
            sys.exit(1)


if __name__ == "__main__":
    main()
