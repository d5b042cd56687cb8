"""Benchmark: "match everyone waiting" for 2,000 young people and 300 mentors.

    make bench-matching             # no database needed: the pool is generated in memory

A district-shaped pool (8 towns of 5 villages; sectors, skills and capacities drawn with a
fixed seed, some mentors paused or partly loaded) is scored with the same code the staff page
uses (``mentors.matching.score_matrix``), then assigned optimally (``assign_optimal``:
``scipy.optimize.linear_sum_assignment`` over capacity-expanded columns) and greedily for
comparison. The last line is the summary:

    youth=2000 mentors=300 assigned=... total_score=... greedy_score=... seconds=...

``seconds`` covers scoring and the optimal assignment; the run fails if it takes 10 s or
more, if a mentor gets more young people than free places, or if greedy scores higher.
"""

import argparse
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "youthventure.settings")

SECTORS = ["agriculture", "ecommerce", "manufacturing", "food", "tourism", "retail",
           "services", "technology", "logistics", "culture", "other"]  # fmt: skip
SKILLS = ["直播带货", "电商运营", "财务管理", "市场营销", "种植技术", "品牌设计", "融资贷款",
          "法律咨询", "餐饮管理", "物流配送", "民宿经营", "团队管理", "汽修", "电工"]  # fmt: skip
TOWNS = [f"qs/t{i}/" for i in range(8)]


def pool(youth: int, mentors: int, seed: int):
    from mentors.matching import Offer, Seeker

    rng = random.Random(seed)
    seekers = [
        Seeker(
            key=i,
            sectors=frozenset(rng.sample(SECTORS, rng.randint(1, 3))),
            skills=frozenset(rng.sample(SKILLS, rng.randint(0, 2))),
            centre_path=f"{rng.choice(TOWNS)}v{rng.randint(1, 5)}/",
        )
        for i in range(youth)
    ]
    offers = []
    for j in range(mentors):
        capacity = rng.randint(2, 8)
        offers.append(
            Offer(
                key=j,
                sectors=frozenset(rng.sample(SECTORS, rng.randint(1, 3))),
                skills=frozenset(rng.sample(SKILLS, rng.randint(2, 4))),
                service_paths=("qs/",)
                if j % 25 == 0
                else tuple(rng.sample(TOWNS, rng.randint(1, 2))),
                capacity=capacity,
                active=rng.randint(0, capacity // 2),
                open=rng.random() > 0.05,
            )
        )
    return seekers, offers


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--youth", type=int, default=2000)
    parser.add_argument("--mentors", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    import django

    django.setup()
    from mentors.matching import assign_greedy, assign_optimal, score_matrix

    seekers, offers = pool(args.youth, args.mentors, args.seed)
    started = time.perf_counter()
    matrix = score_matrix(seekers, offers)
    scored = time.perf_counter() - started
    optimal = assign_optimal(seekers, offers, matrix)
    seconds = time.perf_counter() - started
    greedy = assign_greedy(seekers, offers, matrix)

    load = Counter(c for _r, c, _p in optimal.pairs)
    over = [offers[c].key for c, n in load.items() if n > offers[c].free]
    places = sum(o.free for o in offers)
    print(
        f"free_places={places} scoring_seconds={scored:.2f} "
        f"assignment_seconds={optimal.seconds:.2f} greedy_assigned={len(greedy.pairs)} "
        f"over_capacity={len(over)}"
    )
    print(
        f"youth={len(seekers)} mentors={len(offers)} assigned={len(optimal.pairs)} "
        f"total_score={optimal.total} greedy_score={greedy.total} seconds={seconds:.2f}"
    )
    if over or greedy.total > optimal.total or seconds >= 10:
        sys.exit(1)


if __name__ == "__main__":
    main()
