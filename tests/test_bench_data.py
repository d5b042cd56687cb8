"""`make bench-data` (bench/data.py): the 1,000-row twin of the city data set loads, ends with
its summary line, keeps every counter equal to its rows, and gives every dashboard figure data
(the city-wide figures above a district's). Needs PostgreSQL on localhost; skipped without it."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINE = re.compile(r"^youth=1000 projects=100 enrolments=5000 seconds=\d+$")
PSQL = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tA"]

FIGURES = """
from accounts.models import User
from core.figures import values_for
city = User.objects.get(email="admin@bench.youthventure.cn")
district = User.objects.get(email="d01@bench.youthventure.cn")
print(json.dumps({f.key: [v, dict((g.key, w) for g, w in values_for(district))[f.key]]
                  for f, v in values_for(city)}))
"""

MISMATCHES = """
SELECT (SELECT count(*) FROM training_course c WHERE seats_taken <> (SELECT count(*)
          FROM training_enrolment e WHERE e.course_id = c.id AND e.status = 'confirmed'))
     + (SELECT count(*) FROM mentors_mentorprofile p WHERE active_count <> (SELECT count(*)
          FROM mentors_match m WHERE m.mentor_id = p.id AND m.status = 'active'))
     + (SELECT count(*) FROM internships_position p WHERE places_taken <> (SELECT count(*)
          FROM internships_application a WHERE a.position_id = p.id
          AND a.status IN ('offered', 'accepted')))
     + (SELECT count(*) FROM jobs_vacancy v WHERE filled <> (SELECT count(*)
          FROM jobs_placement p WHERE p.vacancy_id = v.id))
"""


def _postgres() -> bool:
    if not shutil.which("psql") or not shutil.which("createdb"):
        return False
    try:
        return (
            subprocess.run([*PSQL, "-c", "SELECT 1"], capture_output=True, timeout=10).returncode
            == 0
        )
    except (OSError, subprocess.TimeoutExpired):
        return False


@pytest.mark.skipif(not _postgres(), reason="needs PostgreSQL on localhost")
def test_the_small_data_set_loads_consistently_and_feeds_every_figure():
    sys.path.insert(0, str(ROOT / "bench"))
    import data

    db = f"yv_test_benchdata_{os.getpid()}"
    env = {**data.env("1k"), "BENCH_DB": db, "DATABASE_URL": f"{data.PG}/{db}"}
    try:
        result = subprocess.run(
            [sys.executable, "bench/data.py", "--size", "1k", "--db", db],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr[-3000:]
        assert LINE.match(result.stdout.strip().splitlines()[-1]), result.stdout

        mismatches = subprocess.run(
            [*PSQL, "-d", db, "-c", MISMATCHES], capture_output=True, text=True, check=True
        ).stdout
        assert mismatches.strip() == "0"

        out = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", "import json\n" + FIGURES],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert out.returncode == 0, out.stderr[-3000:]
        figures = json.loads(out.stdout.strip().splitlines()[-1])
        assert len(figures) > 20
        empty = [key for key, (city, _district) in figures.items() if city <= 0]
        assert empty == []
        assert all(district <= city for city, district in figures.values())
        assert figures["accounts.youth_registered"] == [1000, 200]  # 10 districts, evenly
    finally:
        subprocess.run(["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", db],
                       capture_output=True)  # fmt: skip
