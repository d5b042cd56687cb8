import json

from django.urls import reverse

from audit.models import Entry
from partners.models import Enterprise

from ..conftest import PASSWORD
from ..factories import EnterpriseFactory


def test_it_records_sign_ins_and_failures_without_the_identifier(client, youth_a):
    client.post(reverse("account_login"), {"login": "13800000001", "password": "wrong"})
    client.post(reverse("account_login"), {"login": youth_a.email, "password": PASSWORD})
    failed = Entry.objects.get(action="auth.sign_in_failed")
    assert failed.target_id == str(youth_a.pk)
    assert failed.ip_address == "127.0.0.1"
    signed_in = Entry.objects.get(action="auth.signed_in")
    assert signed_in.actor == youth_a
    dump = json.dumps(list(Entry.objects.values()), default=str)
    assert "13800000001" not in dump and youth_a.email not in dump


def test_it_records_the_names_of_changed_fields_not_their_values(client, town_staff, town_a):
    enterprise = EnterpriseFactory(centre=town_a, contact_name="赵六")
    client.force_login(town_staff)
    data = {
        "name": enterprise.name,
        "uscc": enterprise.uscc,
        "centre": town_a.pk,
        "contact_name": "钱七",
        "contact_phone": "13911112222",
        "is_employer": "on",
        "is_active": "on",
    }
    response = client.post(reverse("partners:enterprise_update", args=[enterprise.pk]), data)
    assert response.status_code == 302
    entry = Entry.objects.get(action="partner.changed")
    assert entry.actor == town_staff
    assert entry.target_type == "partners.enterprise"
    assert entry.data["fields"] == ["contact_name", "contact_phone"]
    assert "钱七" not in json.dumps(entry.data, ensure_ascii=False)
    assert entry.centre == town_a
    assert Enterprise.objects.get().contact_name == "钱七"


def test_it_records_refused_accesses(client, other_town_staff, youth_a):
    client.force_login(other_town_staff)
    client.get(reverse("accounts:youth_detail", args=[youth_a.youth_profile.pk]))
    entry = Entry.objects.get(action="access.denied")
    assert entry.actor == other_town_staff
    assert entry.data == {"status": 404}
    assert entry.path.endswith(f"/staff/youth/{youth_a.youth_profile.pk}/")


def test_the_log_page_is_scoped_and_filtered(client, district_staff, town_a, town_b, youth_a):
    from accounts.models import StaffProfile

    from ..factories import StaffProfileFactory

    coordinator_b = StaffProfileFactory(centre=town_b, role=StaffProfile.Role.COORDINATOR).user
    client.force_login(youth_a)  # signed in at village A1 (town A)
    client.logout()
    client.force_login(coordinator_b)
    page = client.get(reverse("audit:entry_list"), {"action": "auth.signed_in"})
    assert youth_a.email not in page.content.decode()
    client.force_login(district_staff)
    page = client.get(reverse("audit:entry_list"), {"action": "auth.signed_in"})
    entries = list(page.context["page"])
    assert {e.actor for e in entries} >= {youth_a}
    assert all(e.action == "auth.signed_in" for e in entries)


def test_changes_in_the_django_admin_are_audited(client, town_a, db):
    from accounts.models import User

    from ..factories import StaffProfileFactory

    admin = StaffProfileFactory(centre=town_a).user
    User.objects.filter(pk=admin.pk).update(is_superuser=True, is_staff=True)
    enterprise = EnterpriseFactory(centre=town_a)
    client.force_login(admin)
    response = client.post(f"/admin/partners/enterprise/{enterprise.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    entry = Entry.objects.get(action="admin.deleted")
    assert entry.actor_id == admin.pk
    assert entry.target_type == "partners.enterprise"
    assert entry.target_id == str(enterprise.pk)


def test_a_forged_forwarded_address_is_not_believed(client, youth_a, settings):
    client.post(
        reverse("account_login"),
        {"login": youth_a.email, "password": "wrong"},
        HTTP_X_FORWARDED_FOR="1.2.3.4",
    )
    assert Entry.objects.get(action="auth.sign_in_failed").ip_address == "127.0.0.1"


def test_behind_one_proxy_the_address_it_appended_is_used(client, youth_a, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    client.post(
        reverse("account_login"),
        {"login": youth_a.email, "password": "wrong"},
        HTTP_X_FORWARDED_FOR="spoofed, 10.0.0.7",
    )
    assert Entry.objects.get(action="auth.sign_in_failed").ip_address == "10.0.0.7"


def test_a_junk_forwarded_header_is_not_an_error(client, youth_a, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    response = client.post(
        reverse("account_login"),
        {"login": youth_a.email, "password": "wrong"},
        HTTP_X_FORWARDED_FOR="spoofed",
    )
    assert response.status_code == 200
    assert Entry.objects.get(action="auth.sign_in_failed").ip_address is None


def test_business_plan_downloads_are_audited(client, town_staff, youth_a, village_a1):
    from django.core.files.base import ContentFile

    from ..factories import VentureProjectFactory

    project = VentureProjectFactory(lead=youth_a, centre=village_a1)
    project.business_plan.save("p.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    client.force_login(town_staff)
    assert client.get(reverse("projects:plan", args=[project.pk])).status_code == 200
    entry = Entry.objects.get(action="project.plan_downloaded")
    assert entry.actor == town_staff and entry.target_id == str(project.pk)
