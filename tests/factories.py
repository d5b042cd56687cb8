import datetime
import io
import time

import factory
import pypdf
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import OrgUnit, StaffProfile, User, YouthProfile
from core.validators import national_id_check_char
from notifications.models import Message
from partners.models import Bank, Enterprise
from projects.models import Stage, VentureProject


def make_national_id(serial: int, born=datetime.date(2000, 1, 1), region="330102") -> str:
    """A valid resident ID: region, birth date, 3-digit serial, then the check character."""
    first17 = f"{region}{born:%Y%m%d}{serial % 1000:03d}"
    return first17 + national_id_check_char(first17)


def make_uscc(serial: int) -> str:
    from core.validators import uscc_check_char

    first17 = f"91330100MA{serial:07d}"
    return first17 + uscc_check_char(first17)


def pdf_bytes(*, pages: int = 1, title: str = "", padding: int = 0) -> bytes:
    """A real PDF, written by pypdf: ``pages`` blank A4 pages; a ``title`` makes two plans
    differ; ``padding`` bytes after the end make it as large as a test needs."""
    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if title:
        writer.add_metadata({"/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue() + b"\n" * padding


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
    """The current code; if it is about to expire, wait for the next one (no flaky sign-in)."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    if 30 - time.time() % 30 < 6:
        time.sleep(30 - time.time() % 30 + 0.5)
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


_SIGNED_STAGES = (Stage.SIGNED, Stage.LAUNCHED, Stage.OPERATING)
_LAUNCHED_STAGES = (Stage.LAUNCHED, Stage.OPERATING)


class VentureProjectFactory(factory.django.DjangoModelFactory):
    """A project written straight to the database in any stage, with the dates its stage
    needs (the database refuses a signed project without ``signed_on``). Pass
    ``lead=<a youth user>``; otherwise a new young person of the project's centre leads it.
    ``changed_days_ago=N`` dates the current stage back (``stage_changed_at`` is
    ``auto_now_add``, so it is set with an update after the insert)."""

    class Meta:
        model = VentureProject
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"项目 {n}")
    centre = factory.SubFactory(OrgUnitFactory)
    lead = factory.LazyAttribute(lambda o: YouthProfileFactory(home_centre=o.centre).user)
    sector = "agriculture"
    description = "一个青年创业项目。"
    stage = Stage.IDEA
    signed_on = factory.LazyAttribute(
        lambda o: (
            timezone.localdate() - datetime.timedelta(days=60)
            if o.stage in _SIGNED_STAGES
            else None
        )
    )
    launched_on = factory.LazyAttribute(
        lambda o: (
            timezone.localdate() - datetime.timedelta(days=30)
            if o.stage in _LAUNCHED_STAGES
            else None
        )
    )

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            self.members.set(extracted)

    @factory.post_generation
    def changed_days_ago(self, create, extracted, **kwargs):
        if create and extracted is not None:
            when = timezone.now() - datetime.timedelta(days=extracted)
            VentureProject.objects.filter(pk=self.pk).update(stage_changed_at=when)
            self.stage_changed_at = when


def with_two_factor(user):
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(user, TOTP_SECRET)
    return user


class MentorRoleFactory(factory.django.DjangoModelFactory):
    """A mentor (with an authenticator app, as the role requires)."""

    class Meta:
        model = "accounts.MentorRole"
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    centre = factory.SubFactory(OrgUnitFactory)

    @factory.post_generation
    def two_factor(self, create, extracted, **kwargs):
        if create and extracted is not False:
            with_two_factor(self.user)


class PartnerMemberFactory(factory.django.DjangoModelFactory):
    """Someone who signs in for an enterprise (pass ``bank=`` for a bank officer)."""

    class Meta:
        model = "partners.PartnerMember"
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)

    @factory.post_generation
    def two_factor(self, create, extracted, **kwargs):
        if create and extracted is not False:
            with_two_factor(self.user)
