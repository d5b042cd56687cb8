"""The base's extension points and the layering that keeps the base below the apps."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from accounts.models import EmploymentStatus, ErasureRequest
from accounts.privacy import erasure_carry_out
from audit import actions
from audit import services as audit
from core import figures, menu, personal_data, queues, seeding, timeline
from projects.models import OutcomeReport, Stage

from .factories import VentureProjectFactory

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["youthventure", "core", "audit", "notifications", "accounts", "partners", "projects",
            "mentors", "internships", "jobs", "guidance", "facilities", "training",
            "loans", "dashboard"]  # fmt: skip


# --- layering -------------------------------------------------------------------------------


def _lint_imports(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _copy_tree(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tree / package, ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    return tree


def test_the_import_contracts_fail_when_accounts_imports_a_domain_app(tmp_path):
    tree = _copy_tree(tmp_path)
    assert _lint_imports(tree).returncode == 0, "the contracts hold on the real tree"

    with (tree / "accounts" / "services.py").open("a") as f:
        f.write("\nfrom projects.models import VentureProject  # noqa\n")
    result = _lint_imports(tree)

    assert result.returncode == 1
    assert "accounts is not allowed to import projects" in result.stdout


def test_no_file_of_the_base_names_a_domain_app():
    pattern = re.compile(r"^\s*(from|import)\s+(projects|dashboard)\b", re.MULTILINE)
    offenders = [
        str(path.relative_to(ROOT))
        for package in ["core", "accounts", "audit", "notifications", "partners"]
        for path in (ROOT / package).rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


# --- registries -----------------------------------------------------------------------------


def test_every_audit_code_recorded_in_the_code_has_a_label():
    recorded = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            recorded |= set(re.findall(r"record\(\s*\"([a-z_]+\.[a-z_]+)\"", path.read_text()))
    assert "project.created" in recorded  # the scan itself works
    assert recorded - {a.code for a in actions.ACTIONS} == set()
    assert all(str(a.label) and str(a.label) != a.code for a in actions.ACTIONS)


def test_an_unregistered_audit_code_is_refused(db):
    with pytest.raises(LookupError):
        audit.record("project.teleported")


def test_every_app_contributes_through_the_registries():
    assert {"messages", "activity", "projects"} <= {p.key for p in personal_data.PARTS}
    assert [s.name for s in seeding.in_order()][:3] == ["accounts", "partners", "projects"]
    assert {"accounts", "projects"} <= {s.app for s in timeline.SOURCES}
    assert "projects.signed_or_launched" in {f.key for f in figures.FIGURES}
    assert {"project_board", "my_projects", "audit", "youth_list"} <= {i.key for i in menu.ITEMS}
    assert "work_queues" in {i.key for i in menu.ITEMS}
    # Every domain app that holds work for staff declares its queues.
    apps = {q.key.split(".")[0] for q in queues.QUEUES}
    assert {"projects", "mentors", "training", "loans", "internships", "jobs", "guidance"} <= apps


def test_seeds_refuse_a_circular_order():
    seeding.SEEDS.register(seeding.Seed("test-a", run=print, after=("test-b",)))
    seeding.SEEDS.register(seeding.Seed("test-b", run=print, after=("test-a",)))
    try:
        with pytest.raises(ValueError, match="circular"):
            seeding.in_order()
    finally:
        seeding.SEEDS.unregister("test-a")
        seeding.SEEDS.unregister("test-b")


def test_the_menu_follows_the_role(client, cast):
    def keys(role):
        if cast[role] is None:
            client.logout()
        else:
            client.force_login(cast[role])
        found = set()
        for entry in client.get(reverse("accounts:privacy")).context["menu"]:
            found.add(entry["key"])
            found |= {child["key"] for child in entry.get("children", [])}
        return found

    district, village, youth = keys("district_staff"), keys("village_staff"), keys("youth_a")
    assert {"dashboard", "project_board", "enterprises", "audit", "erasures"} <= district
    assert "my_projects" not in district and "showcase" not in district
    assert village == district - {"audit", "erasures"}  # officers: no coordinator pages
    assert youth == {
        "my_profile", "my_projects", "my_mentoring", "showcase", "my_internships", "jobs",
        "my_jobs", "my_cases", "newsstand_map", "courses", "my_courses", "my_loans",
    }  # fmt: skip
    assert "loan_pipeline" in district and keys("bank_officer") >= {"bank_loans"}
    assert keys("anonymous") == {
        "showcase", "internship_positions", "jobs", "newsstand_map", "courses",
    }  # fmt: skip


def test_the_youth_page_shows_one_timeline_across_apps(
    client, youth_a, village_a1, district_staff, django_assert_max_num_queries
):
    project = VentureProjectFactory(lead=youth_a, centre=village_a1, name="茶园直播")
    from projects.models import StageChange

    StageChange.objects.create(project=project, from_stage="", to_stage=Stage.IDEA)
    client.force_login(district_staff)
    url = reverse("accounts:youth_detail", args=[youth_a.youth_profile.pk])

    response = client.get(url)

    entries = response.context["timeline"]
    assert any("茶园直播" in str(e.what) for e in entries)
    assert {"accounts", "projects"} <= {e.app for e in entries}
    assert reverse("projects:detail", args=[project.pk]) in response.content.decode()


# --- erasure keeps the programme's figures -------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_every_figure_is_unchanged_after_erasing_a_person_with_outcomes(
    youth_a, youth_b, village_a1, district_staff
):
    profile = youth_a.youth_profile
    profile.employment_status = EmploymentStatus.SELF_EMPLOYED
    profile.save()
    launched = VentureProjectFactory(lead=youth_a, centre=village_a1, stage=Stage.LAUNCHED)
    OutcomeReport.objects.create(
        project=launched, year=2025, quarter=4, jobs=5, jobs_for_youth=3, reported_by=youth_a
    )
    VentureProjectFactory(lead=youth_b, centre=youth_b.youth_profile.home_centre)
    before = {f.key: v for f, v in figures.values_for(district_staff)}
    assert before["projects.signed_or_launched"] == 1 and before["accounts.youth_registered"] == 2
    # Each app that records outcomes has one of this person's behind a figure.
    assert before["accounts.youth_self_employed"] == 1

    erasure_carry_out(
        erasure=ErasureRequest.objects.create(user=youth_a, centre=village_a1),
        coordinator=district_staff,
    )

    after = {f.key: v for f, v in figures.values_for(district_staff)}
    assert after == before
    launched.refresh_from_db()
    assert launched.outcomes.get().jobs == 5
