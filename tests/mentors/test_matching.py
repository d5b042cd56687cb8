"""Acceptance 1: a crafted pool is ranked in the expected order with the expected score parts;
the optimal assignment beats greedy where greedy is not optimal and never exceeds a capacity."""

import random
from collections import Counter

import pytest

from mentors.matching import (
    Offer,
    Seeker,
    assign_greedy,
    assign_optimal,
    rank,
    score,
    score_matrix,
    skill_set,
)

D, TA, TB = "d/", "d/ta/", "d/tb/"
YOUTH_PATH = "d/ta/va1/"


def offer(key, *, sectors=(), skills="", service=(TA,), capacity=3, active=0, open=True):
    return Offer(
        key=key,
        sectors=frozenset(sectors),
        skills=skill_set(skills),
        service_paths=tuple(service),
        capacity=capacity,
        active=active,
        open=open,
    )


def seeker(key, *, sectors=(), skills="", path=YOUTH_PATH):
    return Seeker(key=key, sectors=frozenset(sectors), skills=skill_set(skills), centre_path=path)


def test_it_ranks_a_crafted_pool_with_its_score_parts():
    youth = seeker(1, sectors={"agriculture", "ecommerce"}, skills="直播带货、电商运营, 财务")
    pool = [
        # Same sector, two common skills, same town, 2 free places, one mentee.
        offer(
            10,
            sectors={"ecommerce"},
            skills="直播带货，电商运营",
            service=(TA,),
            capacity=3,
            active=1,
        ),
        # Same sector, no common skill, only the district, all 3 places free.
        offer(11, sectors={"agriculture"}, skills="种植", service=(D,), capacity=3),
        # Another sector, one common skill, same town, 4 mentees of 5.
        offer(12, sectors={"food"}, skills="财务", service=(TA,), capacity=5, active=4),
        # The best fit, but paused: not eligible, ranked last.
        offer(13, sectors={"ecommerce"}, skills="直播带货 电商运营 财务", open=False),
        # Another town, no sector, no skill.
        offer(14, sectors={"tourism"}, skills="民宿", service=(TB,), capacity=1),
    ]

    ranked = rank(youth, pool)

    assert [s.offer.key for s in ranked] == [10, 11, 12, 14, 13]
    assert ranked[0].parts == {"sector": 40, "skills": 20, "place": 20, "capacity": 10, "load": 8}
    assert ranked[0].total == 98
    assert ranked[1].parts == {"sector": 40, "skills": 0, "place": 10, "capacity": 15, "load": 10}
    assert ranked[2].parts == {"sector": 0, "skills": 10, "place": 20, "capacity": 5, "load": 2}
    # Another town of the same district is still the same district.
    assert ranked[3].parts == {"sector": 0, "skills": 0, "place": 10, "capacity": 5, "load": 10}
    assert not ranked[4].eligible and ranked[4].parts["capacity"] == 0
    labels = [str(label) for label, _points in ranked[0].explained()]
    assert len(labels) == 5 and all(labels)


def test_the_vectorised_matrix_equals_the_explained_scores():
    rng = random.Random(7)
    sectors = ["agriculture", "ecommerce", "food", "tourism", "retail"]
    skills = ["sales", "finance", "marketing", "design", "logistics"]
    towns = [TA, TB, "d/tc/", D]
    offers = [
        offer(
            i,
            sectors=rng.sample(sectors, 2),
            skills=",".join(rng.sample(skills, 2)),
            service=(rng.choice(towns),),
            capacity=rng.randint(1, 4),
            active=rng.randint(0, 2),
            open=rng.random() > 0.1,
        )
        for i in range(30)
    ]
    seekers = [
        seeker(
            i,
            sectors=rng.sample(sectors, 1),
            skills=",".join(rng.sample(skills, 2)),
            path=rng.choice(["d/ta/v1/", "d/tb/v2/", "d/tc/v3/"]),
        )
        for i in range(40)
    ]
    matrix = score_matrix(seekers, offers)
    for i, s in enumerate(seekers):
        for j, o in enumerate(offers):
            explained = score(s, o)
            assert matrix[i, j] == (explained.total if explained.eligible else 0)


def test_optimal_beats_greedy_where_greedy_is_not_optimal():
    # Y1 fits M1 best (sector and a skill) but also fits M2; Y2 fits only M1. Greedy gives M1
    # to Y1 and leaves Y2 the poor M2; the optimum swaps them.
    y1 = seeker(1, sectors={"agriculture", "food"}, skills="sales", path="d/tx/v/")
    y2 = seeker(2, sectors={"agriculture"}, path="d/tx/v/")
    m1 = offer(1, sectors={"agriculture"}, skills="sales", service=("d/ty/",), capacity=1)
    m2 = offer(2, sectors={"food"}, service=("d/ty/",), capacity=1)
    seekers, offers = [y1, y2], [m1, m2]

    greedy = assign_greedy(seekers, offers)
    optimal = assign_optimal(seekers, offers)

    base = 10 + 5 + 10  # same district, one free place, no load
    assert greedy.pairs == [(0, 0, 40 + 10 + base), (1, 1, base)]
    assert optimal.pairs == [(0, 1, 40 + base), (1, 0, 40 + base)]
    assert optimal.total > greedy.total


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_it_never_exceeds_a_capacity_and_is_never_worse_than_greedy(seed):
    rng = random.Random(seed)
    sectors = ["agriculture", "ecommerce", "food", "tourism"]
    offers = [
        offer(
            i,
            sectors=rng.sample(sectors, 1),
            skills=rng.choice(["sales", "finance", "design"]),
            service=(rng.choice([TA, TB, D]),),
            capacity=rng.randint(1, 4),
            active=rng.randint(0, 1),
            open=rng.random() > 0.2,
        )
        for i in range(15)
    ]
    seekers = [
        seeker(i, sectors=rng.sample(sectors, 1), skills=rng.choice(["sales", "design", ""]))
        for i in range(60)
    ]

    optimal = assign_optimal(seekers, offers)
    greedy = assign_greedy(seekers, offers)

    load = Counter(c for _r, c, _p in optimal.pairs)
    assert all(load[c] <= offers[c].free for c in load)
    assert all(offers[c].open for c in load)
    assert len({r for r, _c, _p in optimal.pairs}) == len(optimal.pairs)  # one mentor each
    assert len(optimal.pairs) == min(len(seekers), sum(o.free for o in offers))
    assert optimal.total >= greedy.total


def test_nobody_to_match_or_nobody_free():
    assert assign_optimal([], [offer(1)]).pairs == []
    assert assign_optimal([seeker(1)], [offer(1, capacity=1, active=1)]).pairs == []
