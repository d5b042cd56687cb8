"""Permission-matrix rows of the guidance desk (gathered by tests/test_permission_matrix.py).

The shared cast has no mediator column: mediators' access (the assigned one sees the case,
any other gets 404) is tested in tests/guidance/test_access.py with their own fixtures."""

from django.core.files.base import ContentFile

from guidance.models import CaseDocument, Consultation, Office

from ..matrix import row
from .conftest import make_case


def objects(cast, *, youth_a, village_a1, town_a, town_staff, **_):
    case = make_case(youth_a)
    document = CaseDocument(case=case, title="Pay slips", uploaded_by=town_staff)
    document.file.save("d.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    own_document = CaseDocument(case=case, title="My contract", uploaded_by=youth_a)
    own_document.file.save("o.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    consultation = Consultation.objects.create(
        centre=village_a1, topic="career", summary="CV help", created_by=town_staff
    )
    office = Office.objects.create(name="Town A Office", kind="mediation", centre=town_a)
    return {
        "case": case,
        "case_document": document,
        "own_document": own_document,
        "consultation": consultation,
        "office": office,
    }


# url name → (function building reverse() args from the objects, statuses[, method])
ROWS = {
    # The young person's own pages.
    "guidance:my_cases": (None, row(302, 200, 200, 404, 404, 404, 404, 404, 404, 404, 404)),
    "guidance:case_open": (None, row(302, 200, 200, 404, 404, 404, 404, 404, 404, 404, 404)),
    # youth_a's case at village A1: youth_a and staff of A1, town A and the district see it;
    # youth_b, town B and everyone else do not learn it exists.
    "guidance:case_detail": (
        lambda o: [o["case"].pk],
        row(302, 200, 404, 200, 200, 404, 200, 404, 404, 404, 404),
    ),
    # An empty post is refused by the form: back to the page, for those who see the case.
    "guidance:case_move": (
        lambda o: [o["case"].pk],
        row(302, 302, 404, 302, 302, 404, 302, 404, 404, 404, 404),
        "post",
    ),
    # Assigning is staff's; the young person sees the case but may not (403).
    "guidance:case_assign": (
        lambda o: [o["case"].pk],
        row(302, 403, 404, 302, 302, 404, 302, 404, 404, 404, 404),
        "post",
    ),
    # Internal notes: staff in scope (and the assigned mediator); the young person 403.
    "guidance:case_note": (
        lambda o: [o["case"].pk],
        row(302, 403, 404, 302, 302, 404, 302, 404, 404, 404, 404),
        "post",
    ),
    "guidance:case_document": (
        lambda o: [o["case"].pk],
        row(302, 200, 404, 200, 200, 404, 200, 404, 404, 404, 404),
    ),
    # A document staff added: the case workers' only; the young person gets 404.
    "guidance:document": (
        lambda o: [o["case_document"].pk],
        row(302, 404, 404, 200, 200, 404, 200, 404, 404, 404, 404),
    ),
    "guidance:mediator_cases": (
        None,
        row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404),
    ),
    "guidance:cases": (None, row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404)),
    "guidance:staff_case_open": (
        None,
        row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404),
    ),
    "guidance:consultations": (
        None,
        row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404),
    ),
    "guidance:consultation_create": (
        None,
        row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404),
    ),
    # The consultation at village A1 has no follow-up waiting: a message, back to the queue.
    "guidance:consultation_done": (
        lambda o: [o["consultation"].pk],
        row(302, 404, 404, 302, 302, 404, 302, 404, 404, 404, 404),
        "post",
    ),
    "guidance:queue": (None, row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404)),
    "guidance:offices": (None, row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404)),
    "guidance:office_create": (
        None,
        row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404),
    ),
    # Inviting to town A's office: staff of town A and the district (a village officer's
    # scope does not hold the town's office).
    "guidance:office_invite": (
        lambda o: [o["office"].pk],
        row(302, 404, 404, 404, 200, 404, 200, 404, 404, 404, 404),
    ),
}
