"""Permission-matrix rows of accounts (gathered by tests/test_permission_matrix.py)."""

import datetime

from django.core.files.base import ContentFile

from accounts.invitations import _hash, invitation_create
from accounts.models import Drive, ErasureRequest, Invitation

from ..matrix import row

MATRIX_TOKEN = "matrix-invitation-token"
# Steps of the text-message flows send a visitor back to the first step, and an event link on
# to registration: their own redirects, not the way to the sign-in page.
PUBLIC_REDIRECTS = {
    "accounts:phone_signup_code",
    "accounts:phone_signup_details",
    "accounts:login_code_enter",
    "accounts:reset_sms_code",
    "accounts:reset_sms_new",
    "accounts:drive_entry",
}


def objects(cast, *, youth_a, village_a1, town_a, town_staff, **_):
    profile = youth_a.youth_profile
    profile.avatar.save("x.jpg", ContentFile(b"\xff\xd8\xff\xe0 not really a jpeg"))
    profile.consent_form.save("c.pdf", ContentFile(b"%PDF-1.4 a signed form"))
    sent = invitation_create(
        invited_by=town_staff, kind="mentor", name="梅导师", email="m@example.com", centre=town_a
    )
    # An invitation whose link the matrix knows, for someone who is not in the cast.
    Invitation.objects.filter(pk=sent.pk).update(token_hash=_hash(MATRIX_TOKEN))
    other = invitation_create(
        invited_by=town_staff, kind="mentor", email="n@example.com", centre=town_a
    )
    return {
        "avatar_name": profile.avatar.name.split("/")[-1],
        "erasure": ErasureRequest.objects.create(user=youth_a, centre=village_a1),
        "invitation": other,
        "drive": Drive.objects.create(
            name="宣讲会",
            date=datetime.date.today(),
            centre=village_a1,
            capacity=50,
            token="matrix",
        ),
    }


# url name → (function building reverse() args from the objects, statuses[, method])
ROWS = {
    "home": (None, row(200, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302)),
    "healthz": (None, row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200)),
    "set_language": (None, row(302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302), "post"),
    "accounts:privacy": (None, row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200)),
    "accounts:my_profile": (None, row(302, 200, 200, 404, 404, 404, 404, 404, 404, 404, 404)),
    "accounts:my_profile_edit": (None, row(302, 200, 200, 404, 404, 404, 404, 404, 404, 404, 404)),
    "accounts:youth_list": (None, row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404)),
    "accounts:my_data": (None, row(302, 200, 200, 404, 404, 404, 404, 404, 404, 404, 404)),
    "accounts:my_data_download": (None, row(302, 200, 200, 404, 404, 404, 404, 404, 404, 404, 404)),
    "accounts:my_data_erase": (
        None,
        row(302, 302, 302, 404, 404, 404, 404, 404, 404, 404, 404),
        "post",
    ),
    # youth_a's photo: the owner and staff in scope.
    "accounts:avatar": (
        lambda o: [o["avatar_name"]],
        row(302, 200, 404, 200, 200, 404, 200, 404, 404, 404, 404),
    ),
    "accounts:erasure_list": (None, row(302, 404, 404, 403, 403, 403, 200, 404, 404, 404, 404)),
    # youth_a's pending request; only coordinators in scope carry it out.
    "accounts:erasure_carry_out": (
        lambda o: [o["erasure"].pk],
        row(302, 404, 404, 403, 403, 403, 302, 404, 404, 404, 404),
        "post",
    ),
    # youth_a lives in village A1 of town A.
    "accounts:youth_detail": (
        lambda o: [o["youth_a"].youth_profile.pk],
        row(302, 404, 404, 200, 200, 404, 200, 404, 404, 404, 404),
    ),
    "accounts:staff_list": (None, row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404)),
    # Every staff member invites mentors (coordinators also staff), so all staff see the form.
    "accounts:staff_create": (None, row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404)),
    # Invitations sent from town A: its staff and the district manage them; village A1 (below)
    # and town B do not see them.
    "accounts:invitation_list": (
        None,
        row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404),
    ),
    "accounts:invitation_resend": (
        lambda o: [o["invitation"].pk],
        row(302, 404, 404, 404, 302, 404, 302, 404, 404, 404, 404),
        "post",
    ),
    "accounts:invitation_withdraw": (
        lambda o: [o["invitation"].pk],
        row(302, 404, 404, 404, 302, 404, 302, 404, 404, 404, 404),
        "post",
    ),
    # The link is public; signed in as someone else than the invitee, it is refused (403).
    "accounts:invitation_accept": (
        lambda o: [MATRIX_TOKEN],
        row(200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    # Switching role: back to one's home page (an unknown role changes nothing).
    "accounts:role_switch": (
        None,
        row(302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
        "post",
    ),
    # Text-message flows: public; a signed-in person is sent home from registering, and the
    # later steps send whoever has not done the earlier ones back to the first (302).
    "accounts:phone_signup": (None, row(200, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302)),
    "accounts:phone_signup_code": (
        None,
        row(302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    ),
    "accounts:phone_signup_details": (
        None,
        row(302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    ),
    "accounts:login_code": (None, row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200)),
    "accounts:login_code_enter": (
        None,
        row(302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    ),
    "accounts:reset_sms": (None, row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200)),
    "accounts:reset_sms_code": (None, row(302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302)),
    "accounts:reset_sms_new": (None, row(302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302)),
    # Confirming one's own number: anyone signed in (cast members have a phone or are sent on).
    "accounts:phone_verify": (None, row(302, 200, 200, 302, 302, 302, 302, 302, 302, 302, 302)),
    "accounts:phone_verify_send": (
        None,
        row(302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
        "post",
    ),
    # Registration drives: staff of the drive's centre (village A1) and above; the event link
    # is public.
    "accounts:drive_list": (None, row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404)),
    "accounts:drive_detail": (
        lambda o: [o["drive"].pk],
        row(302, 404, 404, 200, 200, 404, 200, 404, 404, 404, 404),
    ),
    "accounts:drive_poster": (
        lambda o: [o["drive"].pk],
        row(302, 404, 404, 200, 200, 404, 200, 404, 404, 404, 404),
    ),
    "accounts:drive_entry": (
        lambda o: [o["drive"].token],
        row(302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    ),
    # Assisted registration: every staff member, for their centre and those below; the code
    # step sends whoever has no registration waiting back to the form.
    "accounts:assisted_register": (
        None,
        row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404),
    ),
    "accounts:assisted_register_code": (
        None,
        row(302, 404, 404, 302, 302, 302, 302, 404, 404, 404, 404),
    ),
    # A village's list: every staff member (for the villages of their area); sending without a
    # previewed list goes back to the upload.
    "accounts:village_list": (None, row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404)),
    "accounts:village_list_send": (
        None,
        row(302, 404, 404, 302, 302, 302, 302, 404, 404, 404, 404),
        "post",
    ),
    "accounts:village_list_template": (
        None,
        row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404),
    ),
    # youth_a's signed consent form: staff in scope only (not even youth_a: it is staff's).
    "accounts:consent_form": (
        lambda o: [o["youth_a"].youth_profile.pk],
        row(302, 404, 404, 200, 200, 404, 200, 404, 404, 404, 404),
    ),
}
