import datetime
import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from core.crypto import BlindIndexField, BlindIndexMixin, EncryptedCharField, blind_index
from core.scoping import StaffRole, scope, staff_centre
from core.validators import (
    validate_mobile,
    validate_national_id,
    validate_organisation_name,
    validate_person_name,
)


class OrgUnitQuerySet(models.QuerySet):
    def subtree(self, unit: "OrgUnit") -> "OrgUnitQuerySet":
        """The unit itself and every unit below it (one indexed prefix query)."""
        return self.filter(path__startswith=unit.path)

    def visible_to(self, user) -> "OrgUnitQuerySet":
        if user.is_superuser:
            return self.all()
        centre = staff_centre(user)
        if centre is None:
            return self.none()
        return self.subtree(centre)


class OrgUnit(models.Model):
    """A youth centre. The tree is district > town > village; every record hangs from one."""

    class Level(models.TextChoices):
        DISTRICT = "district", _("District")
        TOWN = "town", _("Town")
        VILLAGE = "village", _("Village")

    PARENT_LEVEL = {Level.TOWN: Level.DISTRICT, Level.VILLAGE: Level.TOWN}

    name = models.CharField(_("name"), max_length=100)
    code = models.SlugField(_("code"), max_length=20, unique=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent centre"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path of codes ("d01/t03/v12/"): a subtree is one prefix query.
    path = models.CharField(max_length=255, unique=True, editable=False)
    address = models.CharField(_("address"), max_length=200, blank=True)

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("youth centre")
        verbose_name_plural = _("youth centres")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(level="district", parent__isnull=True))
                | (~models.Q(level="district") & models.Q(parent__isnull=False)),
                name="orgunit_only_district_is_root",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.path = (self.parent.path if self.parent_id else "") + self.code + "/"
        super().save(*args, **kwargs)

    def is_within(self, other: "OrgUnit") -> bool:
        return self.path.startswith(other.path)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email and not extra_fields.get("phone"):
            raise ValueError("An e-mail address or a mobile number is required")
        email = self.normalize_email(email).lower() if email else None
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def with_phone(self, phone: str):
        """Exact look-up of a normalised mobile number through its blind index."""
        return self.filter(phone_hash=blind_index(phone))

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(BlindIndexMixin, AbstractUser):
    """Signs in with e-mail or mobile number. ``is_staff`` only means Django admin access;
    programme staff are the users with a StaffProfile."""

    username = None
    first_name = None
    last_name = None
    name = models.CharField(_("name"), max_length=50, blank=True, validators=[validate_person_name])
    # Optional: young people in the towns and villages often register with a mobile alone.
    email = models.EmailField(_("e-mail address"), unique=True, null=True, blank=True)
    # Encrypted at rest; phone_hash carries uniqueness and look-ups (accounts/crypto.py).
    phone = EncryptedCharField(
        _("mobile number"), null=True, blank=True, validators=[validate_mobile]
    )
    phone_hash = BlindIndexField(
        source="phone",
        unique=True,
        error_messages={
            "unique": _("This mobile number is already registered to another account.")
        },
    )

    language = models.CharField(
        _("language for messages"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="zh-hans",
        help_text=_("E-mails, text messages and reminders are written in this language."),
    )

    # Set when the person proved they receive text messages at ``phone`` (an SMS code).
    phone_verified_at = models.DateTimeField(
        _("mobile number verified at"), null=True, blank=True, editable=False
    )
    # Set when the person's data was erased: the row stays, de-identified, so that the records
    # the programme's figures count keep their owner (accounts/privacy.py).
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
        ]

    def __str__(self) -> str:
        if self.erased_at:
            return str(_("Erased account"))
        if self.name or self.email:
            return self.name or self.email
        return f"{self.phone[:3]}****{self.phone[-4:]}" if self.phone else f"#{self.pk}"

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class Education(models.TextChoices):
    JUNIOR_SECONDARY = "junior_secondary", _("Junior secondary or below")
    SENIOR_SECONDARY = "senior_secondary", _("Senior secondary")
    VOCATIONAL_SECONDARY = "vocational_secondary", _("Secondary vocational")
    JUNIOR_COLLEGE = "junior_college", _("Junior college (vocational)")
    BACHELOR = "bachelor", _("Bachelor's degree")
    POSTGRADUATE = "postgraduate", _("Postgraduate")


class EmploymentStatus(models.TextChoices):
    STUDYING = "studying", _("Studying")
    SEEKING = "seeking", _("Looking for work")
    EMPLOYED = "employed", _("Employed")
    SELF_EMPLOYED = "self_employed", _("Self-employed or running a business")
    FLEXIBLE = "flexible", _("Flexible or seasonal work")


class Hukou(models.TextChoices):
    RURAL = "rural", _("Rural")
    URBAN = "urban", _("Urban")


class Sector(models.TextChoices):
    AGRICULTURE = "agriculture", _("Modern agriculture")
    ECOMMERCE = "ecommerce", _("E-commerce and live streaming")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    FOOD = "food", _("Food and catering")
    TOURISM = "tourism", _("Rural tourism and homestays")
    RETAIL = "retail", _("Retail and trade")
    SERVICES = "services", _("Household and personal services")
    TECHNOLOGY = "technology", _("Information technology")
    LOGISTICS = "logistics", _("Logistics")
    CULTURE = "culture", _("Culture and crafts")
    OTHER = "other", _("Other")


def avatar_path(instance, filename: str) -> str:
    # Random name: the upload's own name may carry personal data or path tricks.
    return f"avatars/{uuid.uuid4().hex}.jpg"


def consent_form_path(instance, filename: str) -> str:
    # Random name (served only through accounts:consent_form, never from /media/ directly);
    # the extension is the one the checked content gave (accounts/assisted.py).
    extension = "pdf" if filename.lower().endswith(".pdf") else "jpg"
    return f"consent/{uuid.uuid4().hex}.{extension}"


class ConsentMethod(models.TextChoices):
    """How a young person's consent to the personal-data policy was recorded."""

    SELF = "self", _("Given when registering themselves")
    SMS_CODE = "sms_code", _("SMS code read out to staff")
    PAPER_FORM = "paper_form", _("Signed paper form")


class YouthProfileQuerySet(models.QuerySet):
    def with_national_id(self, national_id: str) -> "YouthProfileQuerySet":
        return self.filter(national_id_hash=blind_index(national_id))

    def incomplete(self) -> "YouthProfileQuerySet":
        """The database twin of ``YouthProfile.is_complete`` (erased people are not asked)."""
        return self.filter(user__erased_at__isnull=True).filter(
            models.Q(user__name="")
            | models.Q(user__phone_hash__isnull=True)
            | models.Q(gender="")
            | models.Q(date_of_birth__isnull=True)
            | models.Q(national_id_hash__isnull=True)
            | models.Q(education_level="")
            | models.Q(employment_status="")
            | models.Q(hukou="")
            | models.Q(home_centre__isnull=True)
        )

    def visible_to(self, user) -> "YouthProfileQuerySet":
        return scope(self, user, centre_field="home_centre", own=models.Q(user=user))


class YouthProfile(BlindIndexMixin, models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="youth_profile",
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    national_id = EncryptedCharField(
        _("resident ID number"), null=True, blank=True, validators=[validate_national_id]
    )
    national_id_hash = BlindIndexField(
        source="national_id",
        unique=True,
        error_messages={
            "unique": _(
                "This ID number is already registered. If it is yours, please contact your "
                "youth centre."
            )
        },
    )
    education_level = models.CharField(
        _("education level"), max_length=30, choices=Education.choices, blank=True
    )
    school = models.CharField(
        _("school or college"), max_length=100, blank=True, validators=[validate_organisation_name]
    )
    graduation_year = models.PositiveSmallIntegerField(
        _("graduation year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1960), MaxValueValidator(2040)],
    )
    employment_status = models.CharField(
        _("employment status"), max_length=20, choices=EmploymentStatus.choices, blank=True
    )
    hukou = models.CharField(
        _("household registration"), max_length=10, choices=Hukou.choices, blank=True
    )
    home_centre = models.ForeignKey(
        OrgUnit,
        verbose_name=_("home youth centre"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="youth",
    )
    skills = models.CharField(_("skills"), max_length=300, blank=True)
    sectors = models.JSONField(_("sectors of interest"), default=list, blank=True)
    business_idea = models.TextField(_("business idea"), max_length=2000, blank=True)
    avatar = models.ImageField(_("photo"), upload_to=avatar_path, blank=True)
    consent_policy_version = models.CharField(_("privacy policy version"), max_length=20)
    consent_given_at = models.DateTimeField(_("consent given at"))
    consent_method = models.CharField(
        _("consent given by"),
        max_length=20,
        choices=ConsentMethod.choices,
        default=ConsentMethod.SELF,
        editable=False,
    )
    # The signed paper form of an assisted registration: personal data, stored under a random
    # name and served only to staff in scope (accounts:consent_form).
    consent_form = models.FileField(
        _("signed consent form"), upload_to=consent_form_path, blank=True, editable=False
    )
    # The staff member who registered the young person at the desk (assisted registration).
    assisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered with the help of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = YouthProfileQuerySet.as_manager()

    REQUIRED_FOR_COMPLETE = (
        "gender",
        "date_of_birth",
        "national_id",
        "education_level",
        "employment_status",
        "hukou",
        "home_centre_id",
    )

    class Meta:
        verbose_name = _("youth profile")
        verbose_name_plural = _("youth profiles")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["employment_status"]),
            models.Index(fields=["education_level"]),
            # The staff list's order (newest first), so a page is read from the index.
            models.Index(fields=["-created_at", "-id"], name="youth_newest_idx"),
        ]
        permissions = [("reveal_personal_data", _("Can see full ID and phone numbers"))]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def is_complete(self) -> bool:
        return bool(self.user.name and self.user.phone) and all(
            getattr(self, f) for f in self.REQUIRED_FOR_COMPLETE
        )

    @property
    def age(self) -> int | None:
        if not self.date_of_birth:
            return None
        today = datetime.date.today()
        born = self.date_of_birth
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))

    def get_sectors_display(self) -> list[str]:
        labels = dict(Sector.choices)
        return [str(labels.get(code, code)) for code in self.sectors]


class StaffProfile(models.Model):
    class Role(models.TextChoices):
        COORDINATOR = StaffRole.COORDINATOR, _("Coordinator")
        OFFICER = StaffRole.OFFICER, _("Officer")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="staff_profile",
    )
    centre = models.ForeignKey(
        OrgUnit, verbose_name=_("youth centre"), on_delete=models.PROTECT, related_name="staff"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.OFFICER)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self) -> str:
        return f"{self.user} ({self.centre})"


class ErasureRequest(models.Model):
    """A young person asks for their account to be deleted; a coordinator carries it out.

    Once done, the row keeps no link to the person: only when, where and by whom."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a coordinator")
        DONE = "done", _("Deleted")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="erasure_requests",
    )
    centre = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("carried out at"), null=True, blank=True)

    class Meta:
        verbose_name = _("account deletion request")
        verbose_name_plural = _("account deletion requests")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="erasure_one_pending_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.status}"


class MentorRole(models.Model):
    """A volunteer entrepreneurship mentor, held after accepting an invitation. The mentors
    app keeps the mentor's profile, matches and sessions; this is only the role."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_role"
    )
    centre = models.ForeignKey(
        OrgUnit,
        verbose_name=_("youth centre"),
        on_delete=models.PROTECT,
        related_name="mentors",
        help_text=_("The centre that invited the mentor; its staff and those above see them."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(_("mentor since"), auto_now_add=True)

    class Meta:
        verbose_name = _("mentor")
        verbose_name_plural = _("mentors")

    def __str__(self) -> str:
        return str(self.user)


class InvitationQuerySet(models.QuerySet):
    def visible_to(self, user) -> "InvitationQuerySet":
        """Staff see the invitations sent from their part of the tree."""
        return scope(self, user, centre_field="centre")

    def with_phone(self, phone: str) -> "InvitationQuerySet":
        return self.filter(phone_hash=blind_index(phone))

    def pending(self) -> "InvitationQuerySet":
        from django.utils import timezone

        return self.filter(status=Invitation.Status.PENDING, expires_at__gt=timezone.now())


class Invitation(BlindIndexMixin, models.Model):
    """An offer of a role (staff, mentor, partner member, project team member) sent to an
    e-mail address or mobile number. The role is held only once the invitee accepts through
    the single-use link; the link's token is stored only as a hash (accounts/invitations.py)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    kind = models.CharField(_("invited as"), max_length=40)
    name = models.CharField(_("name"), max_length=50, blank=True, validators=[validate_person_name])
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = EncryptedCharField(
        _("mobile number"), null=True, blank=True, validators=[validate_mobile]
    )
    phone_hash = BlindIndexField(source="phone", db_index=True)
    centre = models.ForeignKey(
        OrgUnit,
        verbose_name=_("youth centre"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # What the role is held in: an enterprise, a bank, a project ("<app>.<model>", pk).
    target_type = models.CharField(max_length=60, blank=True)
    target_id = models.CharField(max_length=40, blank=True)
    data = models.JSONField(default=dict, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("link valid until"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("last sent at"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(email="") | models.Q(phone_hash__isnull=False),
                name="invitation_has_an_address",
            ),
        ]
        indexes = [models.Index(fields=["target_type", "target_id"], name="invitation_target_idx")]

    def __str__(self) -> str:
        return self.name or self.email or str(_("Invitation"))

    @property
    def is_expired(self) -> bool:
        from django.utils import timezone

        return self.status == self.Status.PENDING and self.expires_at <= timezone.now()

    @property
    def shown_status(self) -> str:
        return str(_("Expired")) if self.is_expired else self.get_status_display()


class SmsCode(models.Model):
    """A six-digit code sent by text message (accounts/sms_codes.py). Only a keyed hash of the
    code is stored; it expires after 10 minutes, allows 5 tries and works once."""

    class Purpose(models.TextChoices):
        SIGNUP = "signup", _("Registration")
        LOGIN = "login", _("Sign-in")
        RESET = "reset", _("Password reset")
        VERIFY = "verify", _("Mobile number check")
        CONSENT = "consent", _("Consent at an assisted registration")

    phone_hash = models.CharField(max_length=64)
    purpose = models.CharField(max_length=10, choices=Purpose.choices)
    code_hash = models.CharField(max_length=64)
    attempts = models.PositiveSmallIntegerField(default=0)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    # False for codes of a registration drive: they count against the drive's capacity, not
    # against the address everyone at the event shares.
    counts_for_address = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("text message code")
        verbose_name_plural = _("text message codes")
        indexes = [
            models.Index(fields=["phone_hash", "purpose", "created_at"], name="smscode_phone_idx"),
            models.Index(fields=["ip_address", "created_at"], name="smscode_ip_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} {self.created_at:%Y-%m-%d %H:%M}"


class DriveQuerySet(models.QuerySet):
    def visible_to(self, user) -> "DriveQuerySet":
        return scope(self, user, centre_field="centre")


class Drive(models.Model):
    """A registration drive: a talk, forum or report meeting at a centre where young people
    sign up together, often on one Wi-Fi. Its link (and the QR code on its poster) counts the
    sign-ups for it and lets them through the per-address limit, up to its capacity."""

    name = models.CharField(_("name"), max_length=100, validators=[validate_organisation_name])
    date = models.DateField(_("date"))
    centre = models.ForeignKey(
        OrgUnit, verbose_name=_("youth centre"), on_delete=models.PROTECT, related_name="drives"
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        validators=[MinValueValidator(1), MaxValueValidator(5000)],
        help_text=_("At most this many registrations through the event's link."),
    )
    registered = models.PositiveIntegerField(_("registered"), default=0, editable=False)
    token = models.CharField(max_length=32, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DriveQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration drive")
        verbose_name_plural = _("registration drives")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(registered__lte=models.F("capacity")),
                name="drive_within_capacity",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_full(self) -> bool:
        return self.registered >= self.capacity


class DriveRegistration(models.Model):
    drive = models.ForeignKey(Drive, on_delete=models.CASCADE, related_name="registrations")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drive_registration"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("registration at a drive")
        verbose_name_plural = _("registrations at drives")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.drive}: {self.user}"
