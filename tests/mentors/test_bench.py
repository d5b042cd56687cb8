"""Acceptance 2: `make bench-matching` (bench/matching.py) matches 2,000 waiting young people
with 300 mentors optimally in under 10 s and ends with its summary line."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINE = re.compile(
    r"^youth=2000 mentors=300 assigned=(\d+) total_score=(\d+) greedy_score=(\d+) "
    r"seconds=([\d.]+)$"
)


def test_the_matching_benchmark_ends_with_its_line_under_ten_seconds():
    result = subprocess.run(
        [sys.executable, "bench/matching.py"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    match = LINE.match(last)
    assert match, last
    assigned, total, greedy, seconds = match.groups()
    assert int(assigned) > 0
    assert int(total) >= int(greedy)
    assert float(seconds) < 10
    assert "over_capacity=0" in result.stdout
