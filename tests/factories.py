import datetime
import time

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import OrgUnit, StaffProfile, User, YouthProfile
from accounts.validators import national_id_check_char
from notifications.models import Message
from partners.models import Bank, Enterprise


def make_national_id(serial: int, born=datetime.date(2000, 1, 1), region="330102") -> str:
    """A valid resident ID: region, birth date, 3-digit serial, then the check character."""
    first17 = f"{region}{born:%Y%m%d}{serial % 1000:03d}"
    return first17 + national_id_check_char(first17)


def make_uscc(serial: int) -> str:
    from accounts.validators import uscc_check_char

    first17 = f"91330100MA{serial:07d}"
    return first17 + uscc_check_char(first17)


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Centre {n}")
    code = factory.Sequence(lambda n: f"c{n}")
    level = OrgUnit.Level.DISTRICT
    parent = None


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    name = factory.Sequence(lambda n: f"User {n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        self.save()
        if create:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class YouthProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = YouthProfile

    user = factory.SubFactory(UserFactory)
    consent_policy_version = "2026-11"
    consent_given_at = factory.LazyFunction(timezone.now)
    gender = "female"
    date_of_birth = datetime.date(2000, 1, 1)
    national_id = factory.Sequence(lambda n: make_national_id(n * 2))  # even serial: female
    education_level = "bachelor"
    employment_status = "seeking"
    hukou = "rural"


TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_code(secret: str = TOTP_SECRET) -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


class StaffProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    role = StaffProfile.Role.OFFICER

    @factory.post_generation
    def two_factor(self, create, extracted, **kwargs):
        """Staff have an authenticator app (pass two_factor=False for one who has not)."""
        if create and extracted is not False:
            from allauth.mfa.totp.internal.auth import TOTP

            TOTP.activate(self.user, TOTP_SECRET)


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    name = factory.Sequence(lambda n: f"Enterprise {n}")
    uscc = factory.Sequence(make_uscc)
    contact_name = "Contact"
    is_employer = True


class BankFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bank

    name = "Rural Cooperative Bank"
    branch = factory.Sequence(lambda n: f"Branch {n}")
    base_interest_rate = "4.35"


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    key = factory.Sequence(lambda n: f"test-{n}:sms")
    kind = "accounts.welcome"
    recipient = factory.SubFactory(UserFactory)
    channel = Message.Channel.SMS
    address = "13800000009"
    body = "test"
