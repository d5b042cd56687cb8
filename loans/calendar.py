"""Working days in mainland China: public holidays and the adjusted working weekends come
from ``chinesecalendar`` (kept up to date each year from the State Council's notice)."""

import datetime

import chinese_calendar

DECISION_WORKING_DAYS = 5


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The ``days``-th working day after ``start`` (``start`` itself not counted)."""
    day = start
    counted = 0
    while counted < days:
        day += datetime.timedelta(days=1)
        try:
            working = chinese_calendar.is_workday(day)
        except NotImplementedError:  # a year the library does not know yet: weekdays
            working = day.weekday() < 5
        if working:
            counted += 1
    return day


def decision_due(referred_on: datetime.date) -> datetime.date:
    return add_working_days(referred_on, DECISION_WORKING_DAYS)
