from django.utils import timezone

from jobs.models import HowFound, Placement, job_key


def place(youth, centre, start=None, title="岗位"):
    """A job placement of ``youth`` (a User) recorded at ``centre``."""
    start = start or timezone.localdate()
    return Placement.objects.create(
        youth=youth,
        centre=centre,
        employer_name="华美",
        job_title=title,
        job_key=job_key("华美", title),
        start_date=start,
        how_found=HowFound.STAFF,
    )
