"""The personal-data notice states what the PIPL asks a notice to state, and the consent at
sign-up links to it."""

from django.urls import reverse


def test_the_notice_states_handler_contact_purposes_retention_and_rights(client, db, settings):
    settings.PRIVACY_CONTACT = "privacy@qc.example.gov.cn"
    page = client.get(reverse("accounts:privacy")).content.decode()

    for section in ("handler", "what", "retention", "recipients", "rights", "security"):
        assert f'id="{section}"' in page
    assert "privacy@qc.example.gov.cn" in page
    assert "区团委" in page  # who handles the data
    assert "保存期限" in page or "保存多久" in page  # how long
    assert "敏感个人信息" in page  # the ID number, said to be sensitive
    assert "我的数据" in page  # how to use the rights


def test_the_consent_at_sign_up_links_to_the_notice(client, db):
    page = client.get(reverse("account_signup")).content.decode()
    assert f'<a href="{reverse("accounts:privacy")}" target="_blank">' in page


def test_the_home_centre_is_chosen_town_by_town(client, youth_a, village_a1, village_a2, town_b):
    client.force_login(youth_a)
    page = client.get(reverse("accounts:my_profile_edit")).content.decode()

    select = page[
        page.index('name="home_centre"') : page.index("</select>", page.index('name="home_centre"'))
    ]
    assert '<optgroup label="Town A">' in select
    assert '<optgroup label="Town B">' in select
    town_a_group = select[select.index('<optgroup label="Town A">') : select.index("</optgroup>")]
    assert "Village A1" in town_a_group and "Village A2" in town_a_group
    assert "Town A（镇青年之家）" in town_a_group


def test_an_enterprise_has_an_enterprise_name(client, town_staff, partner_enterprise):
    client.force_login(town_staff)
    form = client.get(reverse("partners:enterprise_update", args=[partner_enterprise.pk]))
    assert "企业名称" in form.content.decode()
    listing = client.get(reverse("partners:enterprise_list")).content.decode()
    assert "企业名称" in listing and "<th>姓名</th>" not in listing
