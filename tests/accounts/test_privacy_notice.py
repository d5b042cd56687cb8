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
