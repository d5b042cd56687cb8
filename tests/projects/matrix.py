"""Permission-matrix rows of projects (gathered by tests/test_permission_matrix.py)."""

from django.core.files.base import ContentFile

from projects.models import ProjectPhoto, Stage

from ..factories import VentureProjectFactory
from ..matrix import row


def objects(cast, *, youth_a, village_a1, **_):
    project = VentureProjectFactory(lead=youth_a, centre=village_a1, stage=Stage.IDEA)
    project.business_plan.save("plan.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    photo = ProjectPhoto(project=project)
    photo.image.save("p.jpg", ContentFile(b"\xff\xd8\xff\xe0 not really a jpeg"))
    launched = VentureProjectFactory(lead=youth_a, centre=village_a1, stage=Stage.LAUNCHED)
    return {"project": project, "photo": photo, "launched_project": launched}


# url name → (function building reverse() args from the objects, statuses[, method])
ROWS = {
    # Venture projects. The project is led by youth_a at village A1, still an idea, with a
    # business plan and a photo, not on the showcase: the lead and staff of A1, town A and
    # the district see it; youth_b and town B do not learn it exists.
    "projects:mine": (None, row(302, 200, 200, 404, 404, 404, 404, 404, 404, 404, 404)),
    "projects:create": (None, row(302, 200, 200, 404, 404, 404, 404, 404, 404, 404, 404)),
    "projects:detail": (
        lambda o: [o["project"].pk],
        row(302, 200, 404, 200, 200, 404, 200, 404, 404, 404, 404),
    ),
    # Only the lead edits, while it is an idea or an application; staff in scope may not.
    "projects:edit": (
        lambda o: [o["project"].pk],
        row(302, 200, 404, 403, 403, 404, 403, 404, 404, 404, 404),
    ),
    # Leaving is for team members; others who see the project are sent back with a message.
    "projects:leave": (
        lambda o: [o["project"].pk],
        row(302, 302, 404, 302, 302, 404, 302, 404, 404, 404, 404),
        "post",
    ),
    # An empty post is refused by the form: a redirect back to the page, for those who see it.
    "projects:move": (
        lambda o: [o["project"].pk],
        row(302, 302, 404, 302, 302, 404, 302, 404, 404, 404, 404),
        "post",
    ),
    # Closing cannot be undone: a confirmation page, for coordinators of the town or the
    # district in scope only (here the district's); officers who see the project get 403.
    "projects:close": (
        lambda o: [o["launched_project"].pk],
        row(302, 403, 404, 403, 403, 404, 200, 404, 404, 404, 404),
    ),
    # Figures are reported for a launched project (youth_a's second one) by its team and staff.
    "projects:outcome_create": (
        lambda o: [o["launched_project"].pk],
        row(302, 200, 404, 200, 200, 404, 200, 404, 404, 404, 404),
    ),
    # Business facts are recorded by staff only: to a young person it is a staff page (404).
    "projects:facts": (
        lambda o: [o["project"].pk],
        row(302, 404, 404, 200, 200, 404, 200, 404, 404, 404, 404),
    ),
    # Consent to publication is the lead's alone; staff in scope see the project but may not.
    "projects:showcase_settings": (
        lambda o: [o["project"].pk],
        row(302, 200, 404, 403, 403, 404, 403, 404, 404, 404, 404),
    ),
    "projects:plan": (
        lambda o: [o["project"].pk],
        row(302, 200, 404, 200, 200, 404, 200, 404, 404, 404, 404),
    ),
    # Photos of showcased projects are public; this one is not, so strangers get 404.
    "projects:photo": (
        lambda o: [o["photo"].pk],
        row(404, 200, 404, 200, 200, 404, 200, 404, 404, 404, 404),
    ),
    "projects:board": (None, row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404)),
    "projects:list": (None, row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404)),
    "projects:showcase": (None, row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200)),
}
