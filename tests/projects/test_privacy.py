"""Venture projects and the young person's rights over their data (accounts/privacy.py):
the copy of their data includes their projects, and erasure leaves no project file or text
of theirs behind."""

import json

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from accounts.models import ErasureRequest
from projects.models import ProjectPhoto, Stage, VentureProject

from ..factories import VentureProjectFactory


@pytest.fixture
def project(youth_a, village_a1):
    project = VentureProjectFactory(
        name="茶园直播", lead=youth_a, centre=village_a1, stage=Stage.APPLIED
    )
    project.business_plan.save("plan.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    photo = ProjectPhoto(project=project)
    photo.image.save("p.jpg", ContentFile(b"\xff\xd8\xff\xe0 photo"))
    return project


@pytest.mark.django_db(transaction=True)
def test_it_removes_the_project_files_of_an_erased_lead(
    client, youth_a, district_staff, project, settings
):
    files = [project.business_plan.path, project.photos.get().image.path]
    client.force_login(youth_a)
    client.post(reverse("accounts:my_data_erase"))
    client.force_login(district_staff)

    response = client.post(
        reverse("accounts:erasure_carry_out", args=[ErasureRequest.objects.get().pk])
    )

    assert response.status_code == 302
    kept = VentureProject.objects.get(pk=project.pk)  # still counted, de-identified
    assert kept.stage == Stage.APPLIED and kept.name != "茶园直播" and kept.description == ""
    assert not kept.business_plan and not kept.photos.exists()
    # ...and so must be the business plan and photos the young person uploaded.
    left = sorted(str(p.relative_to(settings.MEDIA_ROOT)) for p in settings.MEDIA_ROOT.rglob("*.*"))
    assert left == [], f"files of the erased person's project remain: {left} (were {files})"


def test_it_includes_the_persons_projects_in_their_copy_of_their_data(client, youth_a, project):
    client.force_login(youth_a)

    data = json.loads(client.get(reverse("accounts:my_data_download")).content)

    assert "茶园直播" in json.dumps(data, ensure_ascii=False), sorted(data)


def test_the_lead_can_withdraw_a_launched_project_from_the_showcase(client, youth_a, village_a1):
    project = VentureProjectFactory(
        lead=youth_a, centre=village_a1, stage=Stage.LAUNCHED, showcase_opt_in=True, story="故事"
    )
    assert project in VentureProject.objects.showcase()
    client.force_login(youth_a)
    response = client.post(
        reverse("projects:showcase_settings", args=[project.pk]), {"story": "故事"}
    )
    assert response.status_code == 302
    assert project not in VentureProject.objects.showcase()
    assert "故事" not in client.get(reverse("projects:showcase")).content.decode()


def test_someone_put_on_a_team_gets_no_texts_or_emails_and_can_leave(
    client, youth_a, youth_b, village_a1, town_staff
):
    from notifications.models import Message
    from projects.services import project_transition

    project = VentureProjectFactory(lead=youth_a, centre=village_a1, stage=Stage.APPLIED)
    project.members.add(youth_b)
    project_transition(project=project, to_stage=Stage.UNDER_REVIEW, actor=town_staff)
    to_b = set(
        Message.objects.filter(recipient=youth_b, kind="projects.stage_changed").values_list(
            "channel", flat=True
        )
    )
    to_lead = set(
        Message.objects.filter(recipient=youth_a, kind="projects.stage_changed").values_list(
            "channel", flat=True
        )
    )
    assert to_b == {"inapp"}
    assert to_lead == {"email", "sms", "inapp"}

    client.force_login(youth_b)
    response = client.post(reverse("projects:leave", args=[project.pk]))
    assert response.status_code == 302
    assert not project.members.filter(pk=youth_b.pk).exists()
    assert client.get(reverse("projects:detail", args=[project.pk])).status_code == 404


def test_the_edit_form_never_shows_members_addresses(client, youth_a, youth_b, village_a1):
    project = VentureProjectFactory(lead=youth_a, centre=village_a1, stage=Stage.IDEA)
    project.members.add(youth_b)
    client.force_login(youth_a)
    html = client.get(reverse("projects:edit", args=[project.pk])).content.decode()
    assert youth_b.email not in html
