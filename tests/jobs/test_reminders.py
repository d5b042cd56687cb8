"""Vacancy closing in three days with places unfilled: the employer's contacts and the staff of
the employer's centre hear once; a full vacancy or one closing later, nobody."""

import datetime

from django.utils import timezone

from jobs.reminders import VACANCY_CLOSING
from notifications.models import Message
from notifications.services import run_reminders

from .factories import make_vacancy


def test_closing_soon_with_places_unfilled(cast, partner_enterprise):
    today = timezone.localdate()
    soon = make_vacancy(partner_enterprise, closes_on=today + datetime.timedelta(days=3))
    make_vacancy(
        partner_enterprise,
        title="满员",
        places=1,
        filled=1,
        closes_on=today + datetime.timedelta(days=3),
    )
    make_vacancy(partner_enterprise, title="以后", closes_on=today + datetime.timedelta(days=9))
    run_reminders()
    run_reminders()  # a second sweep sends nothing twice
    rows = Message.objects.filter(kind=VACANCY_CLOSING.code)
    recipients = {m.recipient.email for m in rows}
    assert recipients == {"contact@enterprise.example.com", "town.a@example.com"}
    assert rows.count() == 4  # two people × e-mail and inbox
    assert all(soon.title in m.subject for m in rows)
