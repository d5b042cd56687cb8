import datetime

from django.utils import timezone

from jobs.models import Application, ApplicationChange, Status, Vacancy


def make_vacancy(enterprise, **kwargs) -> Vacancy:
    values = {
        "enterprise": enterprise,
        "title": "肉制品加工工",
        "places": 2,
        "pay_min": 4000,
        "pay_max": 6000,
        "location_kind": "district",
        "location": "城关镇",
        "sector": "manufacturing",
        "closes_on": timezone.localdate() + datetime.timedelta(days=20),
    }
    values.update(kwargs)
    return Vacancy.objects.create(**values)


def make_application(vacancy, youth, status=Status.APPLIED) -> Application:
    application = Application.objects.create(vacancy=vacancy, youth=youth, status=status)
    ApplicationChange.objects.create(application=application, to_status=status)
    return application
