import pytest
from django.template import Context, Template

from accounts.templatetags.personal_data import national_id, phone
from core.masking import mask_national_id, mask_phone

ID = "33010219900101123X"
PHONE = "13812345678"


def render(source: str, **context) -> str:
    return Template("{% load personal_data %}" + source).render(Context(context))


def test_it_masks_the_middle_of_a_national_id():
    assert mask_national_id(ID) == "3301**********123X"


def test_it_masks_the_middle_of_a_phone_number():
    assert mask_phone(PHONE) == "138****5678"


@pytest.mark.parametrize("empty", [None, ""])
def test_it_masks_empty_values_as_empty_strings(empty):
    assert mask_national_id(empty) == ""
    assert mask_phone(empty) == ""


def test_it_masks_short_values_completely():
    assert mask_national_id("12345678") == "********"
    assert mask_phone("1234567") == "*******"


def test_it_keeps_the_length_of_the_value():
    assert len(mask_national_id(ID)) == len(ID)
    assert len(mask_phone(PHONE)) == len(PHONE)


def test_it_never_shows_the_birth_date_digits():
    assert "19900101" not in mask_national_id(ID)


# --- Template filters ---


def test_it_masks_the_national_id_filter_when_reveal_is_false():
    assert national_id(ID, False) == "3301**********123X"


def test_it_masks_the_national_id_filter_by_default():
    assert national_id(ID) == "3301**********123X"


def test_it_reveals_the_national_id_filter_when_reveal_is_true():
    assert national_id(ID, True) == ID


def test_it_masks_the_phone_filter_when_reveal_is_false():
    assert phone(PHONE, False) == "138****5678"


def test_it_masks_the_phone_filter_by_default():
    assert phone(PHONE) == "138****5678"


def test_it_reveals_the_phone_filter_when_reveal_is_true():
    assert phone(PHONE, True) == PHONE


@pytest.mark.parametrize("reveal", [True, False])
@pytest.mark.parametrize("empty", [None, ""])
def test_it_renders_empty_values_as_empty_strings(reveal, empty):
    assert national_id(empty, reveal) == ""
    assert phone(empty, reveal) == ""


def test_it_masks_in_a_template_when_the_viewer_may_not_reveal():
    out = render("{{ id|national_id:can }} {{ tel|phone:can }}", id=ID, tel=PHONE, can=False)
    assert out == "3301**********123X 138****5678"
    assert ID not in out
    assert PHONE not in out


def test_it_masks_in_a_template_without_an_argument():
    out = render("{{ id|national_id }} {{ tel|phone }}", id=ID, tel=PHONE)
    assert out == "3301**********123X 138****5678"


def test_it_reveals_in_a_template_when_the_viewer_may_reveal():
    out = render("{{ id|national_id:can }} {{ tel|phone:can }}", id=ID, tel=PHONE, can=True)
    assert out == f"{ID} {PHONE}"


def test_it_renders_none_as_nothing_in_a_template():
    out = render("[{{ id|national_id:can }}][{{ tel|phone:can }}]", id=None, tel=None, can=False)
    assert out == "[][]"
