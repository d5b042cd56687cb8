"""National ID and phone numbers never reach the database in clear."""

import subprocess

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from accounts.models import User, YouthProfile
from notifications.models import Message

PHONE = "13912345678"
NATIONAL_ID_FIRST17 = "33010219990101231"


def _dump() -> str:
    """Everything the database holds, as a backup would (pg_dump or SQLite's dump)."""
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        return subprocess.run(
            ["pg_dump", "-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432),
             "-U", db["USER"] or "postgres", "--data-only", db["NAME"]],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
    connection.ensure_connection()
    return "\n".join(connection.connection.iterdump())


@pytest.mark.django_db(transaction=True)
def test_a_database_dump_holds_no_national_id_or_phone_in_clear(client, district):
    from core.validators import national_id_check_char

    national_id = NATIONAL_ID_FIRST17 + national_id_check_char(NATIONAL_ID_FIRST17)
    signup = {
        "name": "陈明",
        "email": "chen@example.com",
        "phone": PHONE,
        "password1": "Xy7!kq-longpass",
        "password2": "Xy7!kq-longpass",
        "consent": "on",
    }
    assert client.post(reverse("account_signup"), signup).status_code == 302
    profile = YouthProfile.objects.get(user__email="chen@example.com")
    profile.national_id = national_id
    profile.save()
    # The welcome text message went through the outbox too.
    assert Message.objects.filter(recipient=profile.user, channel="sms").exists()

    dump = _dump()
    assert "chen@example.com" in dump  # the dump is real and complete...
    assert PHONE not in dump  # ...yet holds neither number
    assert national_id not in dump
    assert PHONE[-8:] not in dump and national_id[6:14] + national_id[14:] not in dump
    # And the portal still finds the person by both numbers.
    assert User.objects.with_phone(PHONE).get() == profile.user
    assert YouthProfile.objects.with_national_id(national_id).get() == profile


def test_rotation_re_encrypts_under_the_new_key_and_old_keys_can_then_go(settings, youth_a):
    old_keys = list(settings.FIELD_ENCRYPTION_KEYS)
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, *old_keys]
    call_command("rotate_encryption_keys")
    settings.FIELD_ENCRYPTION_KEYS = [new_key]  # the old key is gone
    user = User.objects.get(pk=youth_a.pk)
    assert user.phone == "13800000001"
    assert YouthProfile.objects.get(user=user).national_id == youth_a.youth_profile.national_id


def test_without_its_key_a_value_cannot_be_read(settings, youth_a):
    # Read once with the key (each ciphertext is decrypted once per process and key set) ...
    assert User.objects.get(pk=youth_a.pk).phone == "13800000001"
    # ... and without it the number is still unreadable: nothing kept from before answers.
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(ValueError, match="cannot be decrypted"):
        User.objects.get(pk=youth_a.pk)


def test_encrypted_fields_refuse_lookups_that_could_never_match(db):
    with pytest.raises(TypeError, match="blind index"):
        User.objects.filter(phone="13800000001").exists()
