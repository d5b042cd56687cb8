"""The bank decides within 5 Chinese working days: public holidays skipped, adjusted
working weekends counted (chinesecalendar, the State Council's 2025 notice)."""

import datetime

from loans.calendar import decision_due


def test_national_day_2025_is_skipped_and_the_working_sunday_counts():
    # Friday 26 September 2025: Sunday 28 September was a working day, 1–8 October holidays.
    # 28 (1), 29 (2), 30 (3), 9 October (4), 10 October (5).
    assert decision_due(datetime.date(2025, 9, 26)) == datetime.date(2025, 10, 10)


def test_the_adjusted_working_saturday_counts():
    # Thursday 9 October 2025: Saturday 11 October was a working day.
    # 10 (1), 11 Saturday (2), 13 (3), 14 (4), 15 (5).
    assert decision_due(datetime.date(2025, 10, 9)) == datetime.date(2025, 10, 15)


def test_an_ordinary_week_skips_the_weekend():
    # Wednesday 12 November 2025: 13, 14, 17, 18, 19.
    assert decision_due(datetime.date(2025, 11, 12)) == datetime.date(2025, 11, 19)


def test_spring_festival_2025():
    # Friday 24 January 2025; Sunday 26 January worked; 28 Jan – 4 Feb holidays; Sat 8 Feb worked.
    # 26 (1), 27 (2), 5 Feb (3), 6 (4), 7 (5).
    assert decision_due(datetime.date(2025, 1, 24)) == datetime.date(2025, 2, 7)
