"""core.services.unique_or_invalid on any database (the real races: test_concurrent_unique.py):
a write refused by a unique constraint becomes the form's message when another row holds the
value, and the transaction goes on; any other IntegrityError is raised as it is."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.services import unique_or_invalid
from partners.models import Enterprise
from partners.services import USCC_TAKEN

from .factories import EnterpriseFactory, make_uscc


def test_a_refused_unique_value_becomes_the_form_message(town_a):
    EnterpriseFactory(centre=town_a, uscc=make_uscc(1))
    late = Enterprise(name="后来者", uscc=make_uscc(1), centre=town_a, contact_name="王五")
    with transaction.atomic():
        with (
            pytest.raises(ValidationError) as excinfo,
            unique_or_invalid(("uscc", USCC_TAKEN, Enterprise.objects.filter(uscc=late.uscc))),
        ):
            late.save()
        # Only the savepoint was rolled back: the transaction can go on.
        assert Enterprise.objects.count() == 1
    assert excinfo.value.message_dict == {"uscc": [str(USCC_TAKEN)]}


def test_an_integrity_error_no_check_explains_is_raised_as_it_is(town_a):
    EnterpriseFactory(centre=town_a, uscc=make_uscc(2))
    late = Enterprise(name="后来者", uscc=make_uscc(2), centre=town_a, contact_name="王五")
    with (
        pytest.raises(IntegrityError),
        unique_or_invalid(("uscc", USCC_TAKEN, Enterprise.objects.filter(uscc=make_uscc(3)))),
    ):
        late.save()
