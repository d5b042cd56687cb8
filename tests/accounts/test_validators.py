import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import example, given
from hypothesis import strategies as st

from core.validators import (
    MOBILE_FORMAT,
    NATIONAL_ID_BIRTH_DATE,
    NATIONAL_ID_CHECK_DIGIT,
    NATIONAL_ID_FORMAT,
    NATIONAL_ID_REGION,
    USCC_CHECK_CHARACTER,
    USCC_FORMAT,
    national_id_birth_date,
    national_id_check_char,
    national_id_gender,
    normalize_mobile,
    normalize_national_id,
    normalize_uscc,
    uscc_check_char,
    validate_mobile,
    validate_national_id,
    validate_uscc,
)

VALID_ID = "11010519491231002X"
VALID_USCC = "91350100M000100Y43"


def with_check_char(first17: str) -> str:
    return first17 + national_id_check_char(first17)


def full_width(text: str) -> str:
    """ASCII digits and letters to their full-width forms (U+FF10...)."""
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in text)


def messages(exc_info) -> list[str]:
    return [str(m) for m in exc_info.value.messages]


# --- Resident ID ---


def test_it_accepts_a_valid_resident_id():
    assert normalize_national_id(VALID_ID) == VALID_ID
    validate_national_id(VALID_ID)  # does not raise


def test_it_upper_cases_a_lowercase_x():
    assert normalize_national_id("11010519491231002x") == VALID_ID


def test_it_rejects_a_lowercase_x_in_validate_because_it_is_not_canonical():
    with pytest.raises(ValidationError):
        validate_national_id("11010519491231002x")


def test_it_normalises_full_width_digits():
    typed = full_width(VALID_ID)
    assert typed.startswith("１１０１０５")
    assert normalize_national_id(typed) == VALID_ID


def test_it_normalises_full_width_lowercase_x():
    assert normalize_national_id(full_width("11010519491231002x")) == VALID_ID


def test_it_strips_spaces_and_dashes():
    assert normalize_national_id(" 110105 19491231 002X ") == VALID_ID
    assert normalize_national_id("110105-19491231-002X") == VALID_ID


def test_it_rejects_a_wrong_check_digit_with_the_check_digit_message():
    wrong = VALID_ID[:17] + "1"
    with pytest.raises(ValidationError) as exc_info:
        normalize_national_id(wrong)
    assert exc_info.value.code == "check_digit"
    assert messages(exc_info) == [str(NATIONAL_ID_CHECK_DIGIT)]


def test_it_rejects_a_changed_digit_with_the_check_digit_message():
    # A typo in the serial, keeping the old check character.
    wrong = VALID_ID[:15] + "3" + VALID_ID[16:]
    with pytest.raises(ValidationError) as exc_info:
        normalize_national_id(wrong)
    assert messages(exc_info) == [str(NATIONAL_ID_CHECK_DIGIT)]


def test_it_rejects_february_30_with_the_birth_date_message():
    impossible = with_check_char("11010520000230001")
    with pytest.raises(ValidationError) as exc_info:
        normalize_national_id(impossible)
    assert exc_info.value.code == "birth_date"
    assert messages(exc_info) == [str(NATIONAL_ID_BIRTH_DATE)]


def test_it_rejects_a_future_birth_date():
    next_year = datetime.date.today().year + 1
    future = with_check_char(f"110105{next_year}0101001")
    with pytest.raises(ValidationError) as exc_info:
        normalize_national_id(future)
    assert messages(exc_info) == [str(NATIONAL_ID_BIRTH_DATE)]


def test_it_rejects_a_birth_year_before_1900():
    old = with_check_char("11010518991231001")
    with pytest.raises(ValidationError) as exc_info:
        normalize_national_id(old)
    assert messages(exc_info) == [str(NATIONAL_ID_BIRTH_DATE)]


def test_it_accepts_a_birth_date_of_today():
    today = datetime.date.today()
    born_today = with_check_char(f"110105{today:%Y%m%d}001")
    assert normalize_national_id(born_today) == born_today


@pytest.mark.parametrize("region", ["00", "10", "99", "72"])
def test_it_rejects_an_unknown_region_code(region):
    bad = with_check_char(f"{region}010519491231002")
    with pytest.raises(ValidationError) as exc_info:
        normalize_national_id(bad)
    assert exc_info.value.code == "region"
    assert messages(exc_info) == [str(NATIONAL_ID_REGION)]


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(VALID_ID[:17], id="17-chars"),
        pytest.param(VALID_ID + "0", id="19-chars"),
        pytest.param("", id="empty"),
        pytest.param(None, id="none"),
        pytest.param("ABCDEFGHIJKLMNOPQR", id="letters"),
        pytest.param("1101051949123100AX", id="letter-in-serial"),
        pytest.param("X10105194912310021", id="x-first"),
        pytest.param("110105\x0019491231002X", id="null-byte-inside"),
        pytest.param(VALID_ID + "\x00", id="null-byte-after"),
        pytest.param("\x00" * 18, id="only-null-bytes"),
        pytest.param("11010519491231002😀", id="emoji"),
        pytest.param("😀" * 18, id="only-emoji"),
        pytest.param("1" * 10_000, id="10000-digits"),
        pytest.param("x" * 10_000, id="10000-letters"),
        pytest.param(VALID_ID * 556, id="repeated-valid-id"),
        pytest.param("١١٠١٠٥١٩٤٩١٢٣١٠٠٢X", id="arabic-indic-digits"),
        pytest.param("۱۱۰۱۰۵۱۹۴۹۱۲۳۱۰۰۲X", id="extended-arabic-indic-digits"),
        pytest.param("११०१०५१९४९१२३१००२X", id="devanagari-digits"),
        pytest.param("\ud800" * 18, id="lone-surrogates"),
        pytest.param(with_check_char("11010500000101001"), id="year-0000"),
        pytest.param(with_check_char("11010519491300001"), id="month-13"),
        pytest.param(with_check_char("11010519490100001"), id="day-00"),
        pytest.param(11010519491231002, id="int"),
        pytest.param(b"11010519491231002X", id="bytes"),
        pytest.param(["11010519491231002X"], id="list"),
    ],
)
def test_it_raises_only_validation_error_for_bad_resident_ids(value):
    with pytest.raises(ValidationError):
        normalize_national_id(value)
    with pytest.raises(ValidationError):
        validate_national_id(value)


def test_it_gives_the_format_message_for_the_wrong_length():
    with pytest.raises(ValidationError) as exc_info:
        normalize_national_id(VALID_ID[:17])
    assert messages(exc_info) == [str(NATIONAL_ID_FORMAT)]


@given(st.text())
@example("")
@example(VALID_ID)
@example("11010519491231002x")
@example("１１０１０５１９４９１２３１００２Ｘ")
@example("+86 138 1234 5678")
@example(VALID_USCC.lower())
def test_it_normalises_any_text_to_a_valid_value_or_a_validation_error(text):
    for normalize, validate in [
        (normalize_national_id, validate_national_id),
        (normalize_uscc, validate_uscc),
        (normalize_mobile, validate_mobile),
    ]:
        try:
            value = normalize(text)
        except ValidationError:
            continue
        validate(value)
        assert normalize(value) == value


@given(st.text(alphabet="0123456789Xx １２３４５６７８９０ｘＸ-", min_size=15, max_size=22))
def test_it_handles_digit_heavy_text_without_crashing(text):
    try:
        value = normalize_national_id(text)
    except ValidationError:
        return
    validate_national_id(value)
    assert len(value) == 18


def test_it_reads_the_gender_from_the_17th_digit():
    assert national_id_gender(VALID_ID) == "female"  # 17th digit 2
    male = with_check_char("11010519491231001")
    assert national_id_gender(male) == "male"
    assert national_id_gender(with_check_char("11010519491231009")) == "male"
    assert national_id_gender(with_check_char("11010519491231000")) == "female"


def test_it_reads_the_birth_date():
    assert national_id_birth_date(VALID_ID) == datetime.date(1949, 12, 31)
    assert national_id_birth_date(with_check_char("33010220000229001")) == datetime.date(
        2000, 2, 29
    )


# --- Unified social credit code ---


def test_it_accepts_a_valid_unified_social_credit_code():
    assert normalize_uscc(VALID_USCC) == VALID_USCC
    validate_uscc(VALID_USCC)


def test_it_upper_cases_a_lowercase_code():
    assert normalize_uscc("91350100m000100y43") == VALID_USCC


def test_it_strips_spaces_from_a_code_and_reads_full_width():
    assert normalize_uscc(" 9135 0100 M000 100Y 43 ") == VALID_USCC
    assert normalize_uscc(full_width(VALID_USCC)) == VALID_USCC


def test_it_rejects_a_wrong_check_character():
    wrong = VALID_USCC[:17] + ("4" if VALID_USCC[17] != "4" else "5")
    with pytest.raises(ValidationError) as exc_info:
        normalize_uscc(wrong)
    assert exc_info.value.code == "check_character"
    assert messages(exc_info) == [str(USCC_CHECK_CHARACTER)]


@pytest.mark.parametrize("letter", ["I", "O", "Z", "S", "V"])
def test_it_rejects_forbidden_letters_in_a_code(letter):
    bad = VALID_USCC[:8] + letter + VALID_USCC[9:]
    with pytest.raises(ValidationError) as exc_info:
        normalize_uscc(bad)
    assert exc_info.value.code == "format"
    assert messages(exc_info) == [str(USCC_FORMAT)]


@pytest.mark.parametrize("letter", ["I", "O", "Z", "S", "V"])
def test_it_rejects_a_forbidden_letter_even_as_check_character(letter):
    with pytest.raises(ValidationError):
        normalize_uscc(VALID_USCC[:17] + letter)


@pytest.mark.parametrize(
    "value",
    [None, "", VALID_USCC[:17], VALID_USCC + "0", "\x00" * 18, "😀" * 18, "A" * 10_000, 42],
)
def test_it_raises_only_validation_error_for_bad_codes(value):
    with pytest.raises(ValidationError):
        normalize_uscc(value)


def test_it_computes_check_characters_the_factories_rely_on():
    assert uscc_check_char(VALID_USCC[:17]) == VALID_USCC[17]
    assert national_id_check_char(VALID_ID[:17]) == "X"


# --- Mobile ---


@pytest.mark.parametrize(
    "typed",
    [
        "13812345678",
        "+86 138 1234 5678",
        "+8613812345678",
        "0086-138-1234-5678",
        "8613812345678",
        "138-1234-5678",
        "(138) 1234 5678",
        "１３８１２３４５６７８",
        "＋８６ １３８ １２３４ ５６７８",
    ],
)
def test_it_accepts_mainland_mobile_numbers(typed):
    assert normalize_mobile(typed) == "13812345678"


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param("12345678901", id="starts-12"),
        pytest.param("10012345678", id="starts-10"),
        pytest.param("1381234567", id="10-digits"),
        pytest.param("138123456789", id="12-digits"),
        pytest.param("23812345678", id="starts-2"),
        pytest.param("+1 138 1234 5678", id="other-country"),
        pytest.param("861381234567", id="86-then-10-digits"),
        pytest.param("1381234567a", id="letter"),
        pytest.param("١٣٨١٢٣٤٥٦٧٨", id="arabic-indic"),
        pytest.param("", id="empty"),
        pytest.param(None, id="none"),
        pytest.param("\x00" * 11, id="null-bytes"),
        pytest.param("1" * 10_000, id="10000-digits"),
    ],
)
def test_it_rejects_bad_mobile_numbers(typed):
    with pytest.raises(ValidationError) as exc_info:
        normalize_mobile(typed)
    assert messages(exc_info) == [str(MOBILE_FORMAT)]


def test_it_rejects_a_non_canonical_mobile_in_validate():
    validate_mobile("13812345678")
    with pytest.raises(ValidationError):
        validate_mobile("+86 138 1234 5678")


def test_it_accepts_a_credit_code_whose_registering_authority_is_a_letter():
    # A farmers' cooperative registered by an agriculture department: "N", then type "2".
    # python-stdnum's stdnum.cn.uscc wants eight leading digits and would refuse it; that is
    # why the validator is written here (README, "Architecture").
    first17 = "N2330110MA2H3K4P5"
    code = first17 + uscc_check_char(first17)
    assert normalize_uscc(code.lower()) == code
    validate_uscc(code)
