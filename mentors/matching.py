"""Explainable mentor matching: a score made of named parts, and the optimal assignment.

Everything here works on plain ``Seeker`` and ``Offer`` records (``mentors.selectors`` builds
them from the database; the benchmark builds them in memory), so the same code ranks mentors
for one young person and assigns thousands at once.

Score parts, each shown to staff beside the total:

- sector match: 40 when one of the young person's sectors (their interests and their project's
  sector) is one of the mentor's;
- skills overlap: 10 per skill both name, at most 30;
- place: 20 when the mentor serves the young person's town, 10 when only their district;
- remaining capacity: 5 per free place, at most 15;
- current load: 10 minus 2 per active mentee, never below 0.

A mentor who is paused or full is not eligible. Every eligible pair scores at least 5 (a free
place), so the assignment of most total score is also the one a staff member would call "as
many good matches as possible".

"Match everyone waiting" solves a linear assignment problem (``scipy.optimize.
linear_sum_assignment``) over capacity-expanded columns: a mentor with three free places is
three columns with the same scores, so no mentor receives more than their free places.
Ineligible pairs cost nothing and are dropped from the result.
"""

import re
import time
from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext_lazy as _
from scipy.optimize import linear_sum_assignment

SECTOR_POINTS = 40
SKILL_POINTS, SKILL_CAP = 10, 30
TOWN_POINTS, DISTRICT_POINTS = 20, 10
FREE_PLACE_POINTS, FREE_PLACE_CAP = 5, 15
LOAD_BASE, LOAD_STEP = 10, 2

PART_LABELS = {
    "sector": _("Sector match"),
    "skills": _("Skills overlap"),
    "place": _("Same town or district"),
    "capacity": _("Remaining capacity"),
    "load": _("Current load"),
}
PARTS = tuple(PART_LABELS)

_SPLIT = re.compile(r"[,，、;；/\s]+")


def skill_set(text: str) -> frozenset[str]:
    """Skills as people type them ("直播带货、电商运营", "sales, accounting"), normalised."""
    return frozenset(s.strip().lower() for s in _SPLIT.split(text or "") if s.strip())


def town_and_district(path: str) -> tuple[str, str]:
    """A centre's town path and district path from its materialised path ("d/t/v/")."""
    parts = [p for p in path.split("/") if p]
    district = parts[0] + "/" if parts else ""
    town = "/".join(parts[:2]) + "/" if len(parts) >= 2 else ""
    return town, district


@dataclass
class Seeker:
    """A young person looking for a mentor."""

    key: int
    sectors: frozenset[str]
    skills: frozenset[str]
    centre_path: str
    label: str = ""


@dataclass
class Offer:
    """A mentor's side of a match."""

    key: int
    sectors: frozenset[str]
    skills: frozenset[str]
    # Paths of the centres the mentor serves (the inviting centre when none is set).
    service_paths: tuple[str, ...]
    capacity: int
    active: int
    open: bool = True
    label: str = ""

    @property
    def free(self) -> int:
        return max(self.capacity - self.active, 0) if self.open else 0

    @property
    def towns(self) -> set[str]:
        return {town for town, _ in map(town_and_district, self.service_paths) if town}

    @property
    def districts(self) -> set[str]:
        return {district for _, district in map(town_and_district, self.service_paths)}


@dataclass
class Score:
    offer: Offer
    parts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.parts.values())

    @property
    def eligible(self) -> bool:
        return self.offer.free > 0

    def explained(self) -> list[tuple]:
        """(label, points) in the order the page shows them."""
        return [(PART_LABELS[key], self.parts[key]) for key in PARTS]


def score(seeker: Seeker, offer: Offer) -> Score:
    town, district = town_and_district(seeker.centre_path)
    common_skills = len(seeker.skills & offer.skills)
    if town and town in offer.towns:
        place = TOWN_POINTS
    elif district and district in offer.districts:
        place = DISTRICT_POINTS
    else:
        place = 0
    return Score(
        offer,
        {
            "sector": SECTOR_POINTS if seeker.sectors & offer.sectors else 0,
            "skills": min(common_skills * SKILL_POINTS, SKILL_CAP),
            "place": place,
            "capacity": min(offer.free * FREE_PLACE_POINTS, FREE_PLACE_CAP),
            "load": max(LOAD_BASE - LOAD_STEP * offer.active, 0),
        },
    )


def rank(seeker: Seeker, offers: list[Offer]) -> list[Score]:
    """Eligible mentors first, then by total score (highest first), then by mentor."""
    scores = [score(seeker, offer) for offer in offers]
    return sorted(scores, key=lambda s: (not s.eligible, -s.total, s.offer.key))


def score_matrix(seekers: list[Seeker], offers: list[Offer]) -> np.ndarray:
    """Every pair's total at once (the same parts as ``score``, vectorised), 0 where the
    mentor is not eligible. Rows: seekers; columns: offers."""
    n, m = len(seekers), len(offers)
    if not n or not m:
        return np.zeros((n, m))
    sector_vocab = {s: i for i, s in enumerate(sorted({*_union(o.sectors for o in offers)}))}
    skill_vocab = {s: i for i, s in enumerate(sorted({*_union(o.skills for o in offers)}))}
    towns = {t: i for i, t in enumerate(sorted({*_union(o.towns for o in offers)}))}
    districts = {d: i for i, d in enumerate(sorted({*_union(o.districts for o in offers)}))}

    def onehot(items, vocab, size):
        out = np.zeros((len(items), max(size, 1)), dtype=np.float32)
        for row, keys in enumerate(items):
            for key in keys:
                column = vocab.get(key)
                if column is not None:
                    out[row, column] = 1
        return out

    s_sec = onehot([s.sectors for s in seekers], sector_vocab, len(sector_vocab))
    o_sec = onehot([o.sectors for o in offers], sector_vocab, len(sector_vocab))
    s_sk = onehot([s.skills for s in seekers], skill_vocab, len(skill_vocab))
    o_sk = onehot([o.skills for o in offers], skill_vocab, len(skill_vocab))
    places = [town_and_district(s.centre_path) for s in seekers]
    s_town = onehot([{t} for t, _ in places], towns, len(towns))
    o_town = onehot([o.towns for o in offers], towns, len(towns))
    s_dist = onehot([{d} for _, d in places], districts, len(districts))
    o_dist = onehot([o.districts for o in offers], districts, len(districts))

    sector = (s_sec @ o_sec.T > 0) * SECTOR_POINTS
    skills = np.minimum((s_sk @ o_sk.T) * SKILL_POINTS, SKILL_CAP)
    same_town = s_town @ o_town.T > 0
    same_district = s_dist @ o_dist.T > 0
    place = np.where(same_town, TOWN_POINTS, np.where(same_district, DISTRICT_POINTS, 0))
    free = np.array([o.free for o in offers])
    active = np.array([o.active for o in offers])
    per_mentor = np.minimum(free * FREE_PLACE_POINTS, FREE_PLACE_CAP) + np.maximum(
        LOAD_BASE - LOAD_STEP * active, 0
    )
    total = sector + skills + place + per_mentor[None, :]
    return np.where(free[None, :] > 0, total, 0).astype(np.int64)


def _union(sets):
    out: set = set()
    for s in sets:
        out |= s
    return out


@dataclass
class Assignment:
    pairs: list[tuple[int, int, int]]  # (seeker index, offer index, score)
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return sum(points for _, _, points in self.pairs)


def assign_optimal(seekers: list[Seeker], offers: list[Offer], matrix=None) -> Assignment:
    """The assignment with the most total score that gives no mentor more young people than
    their free places (linear_sum_assignment over capacity-expanded columns)."""
    started = time.perf_counter()
    matrix = score_matrix(seekers, offers) if matrix is None else matrix
    columns = np.repeat(np.arange(len(offers)), [o.free for o in offers])
    if not len(seekers) or not len(columns):
        return Assignment([], time.perf_counter() - started)
    expanded = matrix[:, columns]
    rows, cols = linear_sum_assignment(expanded, maximize=True)
    pairs = [
        (int(r), int(columns[c]), int(expanded[r, c]))
        for r, c in zip(rows, cols, strict=True)
        if expanded[r, c] > 0
    ]
    return Assignment(sorted(pairs), time.perf_counter() - started)


def assign_greedy(seekers: list[Seeker], offers: list[Offer], matrix=None) -> Assignment:
    """The obvious alternative, for comparison: best remaining pair first."""
    started = time.perf_counter()
    matrix = score_matrix(seekers, offers) if matrix is None else matrix
    free = [o.free for o in offers]
    taken: set[int] = set()
    pairs = []
    flat = np.argsort(-matrix, axis=None, kind="stable")
    for index in flat:
        r, c = divmod(int(index), matrix.shape[1])
        points = int(matrix[r, c])
        if points <= 0:
            break
        if r in taken or free[c] <= 0:
            continue
        taken.add(r)
        free[c] -= 1
        pairs.append((r, c, points))
        if len(taken) == len(seekers):
            break
    return Assignment(sorted(pairs), time.perf_counter() - started)
