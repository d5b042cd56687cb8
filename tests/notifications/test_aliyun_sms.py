"""The Alibaba Cloud SMS gateway (notifications/aliyun.py) against a local fake of the provider's
API (fake_aliyun.py, on 127.0.0.1, no network): success, throttling, a bad template, a timeout,
and the same message never sent twice when the provider times out after accepting it."""

import json
import logging
from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from notifications import aliyun, checks
from notifications.gateways import LoggingSmsGateway, PermanentSendError
from notifications.models import Message
from notifications.services import deliver
from youthventure.env import env_json, env_sms_templates

from ..factories import MessageFactory
from ..test_settings_refuse import load_settings, refusal
from . import gateways
from .fake_aliyun import FakeAliyun

PHONE = "13800000009"
SIGN = "青春创业"
WELCOME = "${name}，欢迎加入青春创业行动！请登录完善个人资料。"
WELCOME_EN = (
    "${name}, welcome to the youth entrepreneurship programme! Please complete your profile."
)
CODE = "您的注册验证码为${code}，10分钟内有效，请勿告诉任何人。"
# What Aliyun has approved (code -> text), and what the portal is configured with.
APPROVED = {"SMS_100001": WELCOME, "SMS_100002": WELCOME_EN, "SMS_100003": CODE}
CONFIGURED = {
    "accounts.welcome": [
        {"code": "SMS_100001", "text": WELCOME},
        {"code": "SMS_100002", "text": WELCOME_EN},
    ],
    "accounts.sms_code": [{"code": "SMS_100003", "text": CODE}],
}
TIMEOUT = 0.5


@pytest.fixture
def fake(settings):
    with FakeAliyun(
        access_key_id="LTAI-test-key", access_key_secret="test-secret", sign_name=SIGN,
        templates=APPROVED,
    ) as fake:  # fmt: skip
        settings.SMS_GATEWAY = "notifications.aliyun.AliyunSmsGateway"
        settings.ALIYUN_SMS_ENDPOINT = fake.url
        settings.ALIYUN_SMS_ACCESS_KEY_ID = "LTAI-test-key"
        settings.ALIYUN_SMS_ACCESS_KEY_SECRET = "test-secret"
        settings.ALIYUN_SMS_SIGN_NAME = SIGN
        settings.ALIYUN_SMS_TIMEOUT = TIMEOUT
        settings.SMS_TEMPLATES = CONFIGURED
        yield fake


def _welcome(**kwargs) -> Message:
    return MessageFactory(
        key=kwargs.pop("key", "welcome-42:sms"),
        address=kwargs.pop("address", PHONE),
        body="小明，欢迎加入青春创业行动！请登录完善个人资料。",
        **kwargs,
    )


def _due(message: Message) -> None:
    """Let the backoff pass."""
    Message.objects.filter(pk=message.pk).update(available_at=timezone.now() - timedelta(1))


# --- the signature ------------------------------------------------------------------------


def test_the_signature_matches_aliyuns_documented_example():
    # help.aliyun.com, "RPC signature": DescribeRegions signed with testsecret.
    params = {
        "Timestamp": "2016-02-23T12:46:24Z",
        "Format": "XML",
        "AccessKeyId": "testid",
        "Action": "DescribeRegions",
        "SignatureMethod": "HMAC-SHA1",
        "SignatureNonce": "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
        "Version": "2014-05-26",
        "SignatureVersion": "1.0",
    }
    assert aliyun.string_to_sign("GET", params) == (
        "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML"
        "%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"
        "%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z"
        "%26Version%3D2014-05-26"
    )
    assert aliyun.sign("GET", params, "testsecret") == "OLeaidS1JvxuMvnyHOwuJ+uX5qY="


def test_percent_encoding_follows_the_signature_rules():
    assert aliyun.percent_encode("a b*c~d-_.") == "a%20b%2Ac~d-_."
    assert aliyun.percent_encode("青/+") == "%E9%9D%92%2F%2B"


# --- the four cases -----------------------------------------------------------------------


def test_success_sends_the_template_with_the_variables_read_off_the_text(fake, db):
    message = _welcome()

    assert deliver([message.pk]) == 1

    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    (request,) = fake.calls("SendSms")
    assert request["PhoneNumbers"] == PHONE
    assert request["SignName"] == SIGN
    assert request["TemplateCode"] == "SMS_100001"
    assert json.loads(request["TemplateParam"]) == {"name": "小明"}
    assert request["OutId"] == "welcome-42:sms"
    # The phone shows the outbox's text behind the sign name.
    assert fake.inbox[PHONE] == [f"【{SIGN}】{message.body}"]


def test_throttling_by_the_provider_is_retried_with_backoff(fake, db):
    fake.then("SendSms", "throttle")
    message = _welcome()

    assert deliver([message.pk]) == 0

    message.refresh_from_db()
    assert message.status == Message.Status.PENDING
    assert message.attempts == 1
    assert message.last_error.startswith("AliyunSmsError: isv.BUSINESS_LIMIT_CONTROL")
    assert message.available_at > timezone.now() + timedelta(seconds=50)
    assert fake.inbox[PHONE] == []

    _due(message)
    assert deliver([message.pk]) == 1

    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert len(fake.calls("SendSms")) == 2
    assert fake.inbox[PHONE] == [f"【{SIGN}】{message.body}"]


def test_a_bad_template_fails_at_once_without_retries(fake, settings, db):
    # Configured with a code the provider does not know (a typo, or not approved yet).
    settings.SMS_TEMPLATES = {"accounts.welcome": [{"code": "SMS_999999", "text": WELCOME}]}
    message = _welcome()

    assert deliver([message.pk]) == 0

    message.refresh_from_db()
    assert message.status == Message.Status.FAILED
    assert message.attempts == 1
    assert message.last_error.startswith("AliyunSmsRefused: isv.SMS_TEMPLATE_ILLEGAL")
    assert not Message.objects.claimable(timezone.now() + timedelta(days=1)).exists()
    assert len(fake.calls("SendSms")) == 1
    assert fake.inbox[PHONE] == []


def test_a_timeout_after_the_provider_accepted_does_not_send_the_message_twice(fake, db):
    fake.then("SendSms", "accept_then_hang")
    message = _welcome()

    assert deliver([message.pk]) == 0

    message.refresh_from_db()
    assert message.status == Message.Status.PENDING
    assert message.last_error == f"AliyunSmsNoAnswer: SendSms: no answer within {TIMEOUT} s"
    assert len(fake.inbox[PHONE]) == 1  # the provider did send it

    _due(message)
    assert deliver([message.pk]) == 1

    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    # The retry looked the message up by its OutId, found it and sent nothing.
    (lookup,) = fake.calls("QuerySendDetails")
    assert lookup["PhoneNumber"] == PHONE
    assert lookup["SendDate"] == f"{timezone.now().astimezone(aliyun.CHINA):%Y%m%d}"
    assert len(fake.calls("SendSms")) == 1
    assert fake.inbox[PHONE] == [f"【{SIGN}】{message.body}"]


def test_a_timeout_before_the_provider_accepted_sends_the_message_on_retry(fake, db):
    fake.then("SendSms", "hang")
    message = _welcome()

    assert deliver([message.pk]) == 0
    assert fake.inbox[PHONE] == []
    _due(message)
    assert deliver([message.pk]) == 1

    assert [r["Action"] for r in fake.requests] == ["SendSms", "QuerySendDetails", "SendSms"]
    assert fake.inbox[PHONE] == [f"【{SIGN}】{message.body}"]


def test_a_retry_that_cannot_look_the_message_up_sends_nothing(fake, db):
    fake.then("SendSms", "accept_then_hang")
    fake.then("QuerySendDetails", "hang")
    message = _welcome()

    deliver([message.pk])
    _due(message)
    assert deliver([message.pk]) == 0

    message.refresh_from_db()
    assert message.status == Message.Status.PENDING
    assert message.attempts == 2
    assert "QuerySendDetails: no answer" in message.last_error
    assert len(fake.calls("SendSms")) == 1

    _due(message)
    assert deliver([message.pk]) == 1
    assert len(fake.inbox[PHONE]) == 1


def test_a_worker_that_died_after_the_provider_accepted_leads_to_one_delivery(fake, db):
    message = _welcome()
    # The first worker sent it, then died before marking it SENT; its lease ran out.
    aliyun.AliyunSmsGateway().send(phone=PHONE, text=message.body, key=message.key)
    Message.objects.filter(pk=message.pk).update(
        status=Message.Status.SENDING, attempts=1, claimed_until=timezone.now() - timedelta(1)
    )

    assert deliver([message.pk]) == 1

    assert len(fake.calls("SendSms")) == 1
    assert len(fake.inbox[PHONE]) == 1


def test_the_lookup_pages_through_a_busy_day(fake, db):
    gateway = aliyun.AliyunSmsGateway()
    for n in range(60):
        gateway.send(
            phone=PHONE, text=f"小{n}，欢迎加入青春创业行动！请登录完善个人资料。", key=f"k{n}"
        )

    assert gateway.already_sent(phone=PHONE, key="k59", since=timezone.now())
    assert not gateway.already_sent(phone=PHONE, key="k60", since=timezone.now())
    assert [r["CurrentPage"] for r in fake.calls("QuerySendDetails")] == ["1", "2", "1", "2"]


# --- texts and templates ------------------------------------------------------------------


def test_a_code_is_sent_with_the_code_template_and_appears_in_no_log(fake, caplog):
    caplog.set_level(logging.DEBUG)
    text = "您的注册验证码为482913，10分钟内有效，请勿告诉任何人。"

    aliyun.AliyunSmsGateway().send(phone=PHONE, text=text, key="sms-code-7")

    (request,) = fake.calls("SendSms")
    assert request["TemplateCode"] == "SMS_100003"
    assert json.loads(request["TemplateParam"]) == {"code": "482913"}
    assert fake.inbox[PHONE] == [f"【{SIGN}】{text}"]
    assert "482913" not in caplog.text


def test_a_text_in_english_goes_with_the_english_template(fake):
    text = "Li Ming, welcome to the youth entrepreneurship programme! Please complete your profile."

    aliyun.AliyunSmsGateway().send(phone=PHONE, text=text, key="welcome-43:sms")

    assert fake.calls("SendSms")[0]["TemplateCode"] == "SMS_100002"
    assert json.loads(fake.calls("SendSms")[0]["TemplateParam"]) == {"name": "Li Ming"}


def test_a_text_that_fits_no_template_fails_at_once_and_asks_nothing(fake, db):
    message = MessageFactory(address=PHONE, body="您的验证码是 123456")

    deliver([message.pk])

    message.refresh_from_db()
    assert message.status == Message.Status.FAILED
    assert message.last_error == (
        "NoTemplateFits: the text fits none of the templates in SMS_TEMPLATES"
    )
    assert fake.requests == []


def test_templates_read_variables_between_literal_text_with_special_characters():
    template = aliyun.Template.compile("SMS_1", "项目“${name}”（${year}年Q${q}）: ${url} [*]")

    assert template.fill("项目“甜橙(1)”（2026年Q3）: http://x/p?a=1 [*]") == {
        "name": "甜橙(1)",
        "year": "2026",
        "q": "3",
        "url": "http://x/p?a=1",
    }
    assert template.fill("项目“甜橙”（2026年Q3）: http://x/p") is None
    assert aliyun.Template.compile("SMS_2", "固定文字").fill("固定文字") == {}


def test_long_keys_go_as_a_short_out_id():
    assert aliyun.out_id("welcome-42:sms") == "welcome-42:sms"
    long = aliyun.out_id("project-1-review-2026-01-01-user-2:" + "x" * 80)
    assert len(long) <= 64 and long == aliyun.out_id(
        "project-1-review-2026-01-01-user-2:" + "x" * 80
    )


# --- which refusals are retried -----------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "permanent"),
    [
        (("error", 200, "isv.MOBILE_NUMBER_ILLEGAL"), True),
        (("error", 200, "isv.SMS_SIGNATURE_ILLEGAL"), True),
        (("error", 200, "isv.TEMPLATE_MISSING_PARAMETERS"), True),
        (("error", 200, "isv.PARAM_LENGTH_LIMIT"), True),
        (("error", 200, "isv.DAY_LIMIT_CONTROL"), False),
        (("error", 200, "isv.AMOUNT_NOT_ENOUGH"), False),
        (("error", 200, "isp.SYSTEM_ERROR"), False),
        (("error", 400, "Throttling.User"), False),
        (("error", 503, "ServiceUnavailable"), False),
        (("error", 200, "isv.SOMETHING_NEW"), False),
        (("raw", 502, b"<html>Bad Gateway</html>"), False),
    ],
)
def test_provider_errors_map_to_retry_or_fail(fake, answer, permanent):
    fake.then("SendSms", answer)
    with pytest.raises(Exception) as raised:
        aliyun.AliyunSmsGateway().send(
            phone=PHONE, text="甲，欢迎加入青春创业行动！请登录完善个人资料。", key="k"
        )
    assert isinstance(raised.value, PermanentSendError) is permanent


def test_the_fake_refuses_a_wrong_signature_like_the_real_api(fake, settings):
    settings.ALIYUN_SMS_ACCESS_KEY_SECRET = "not-the-secret"
    with pytest.raises(aliyun.AliyunSmsError, match="SignatureDoesNotMatch") as raised:
        aliyun.AliyunSmsGateway().send(
            phone=PHONE, text="甲，欢迎加入青春创业行动！请登录完善个人资料。", key="k"
        )
    assert not isinstance(raised.value, PermanentSendError)
    assert fake.inbox == {}


def test_a_number_the_provider_refuses_fails_at_once(fake, db):
    message = _welcome(address="12345")
    deliver([message.pk])
    message.refresh_from_db()
    assert message.status == Message.Status.FAILED
    assert "isv.MOBILE_NUMBER_ILLEGAL" in message.last_error


def test_any_gateways_permanent_error_fails_the_message_at_once(counting_gateway, db):
    def refuse(phone, text, key):
        raise PermanentSendError("no such template")

    gateways.hooks.append(refuse)
    message = MessageFactory(address=PHONE)

    deliver([message.pk])

    message.refresh_from_db()
    assert (message.status, message.attempts) == (Message.Status.FAILED, 1)


# --- settings -----------------------------------------------------------------------------


def test_sms_templates_are_read_from_json(monkeypatch):
    monkeypatch.setenv(
        "SMS_TEMPLATES", json.dumps({"accounts.sms_code": {"code": " SMS_1 ", "text": CODE}})
    )
    assert env_sms_templates("SMS_TEMPLATES") == {
        "accounts.sms_code": [{"code": "SMS_1", "text": CODE}]
    }
    monkeypatch.delenv("SMS_TEMPLATES")
    assert env_sms_templates("SMS_TEMPLATES") == {}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ('{"accounts.welcome": ', "SMS_TEMPLATES is not valid JSON: Expecting value at line 1"),
        ('["SMS_1"]', "SMS_TEMPLATES: expected a JSON object of kinds of message"),
        ('{"accounts.welcome": "SMS_1"}', "SMS_TEMPLATES['accounts.welcome']: expected a"),
        ('{"accounts.welcome": []}', "SMS_TEMPLATES['accounts.welcome']: expected a"),
        ('{"a": {"code": "SMS_1"}}', "SMS_TEMPLATES['a']: each template is"),
        ('{"a": {"code": "", "text": "x"}}', "SMS_TEMPLATES['a']: each template is"),
        ('{"a": {"code": "SMS_1", "text": "${1x}"}}', "has a variable ${1x}: expected"),
        ('{"a": {"code": "SMS_1", "text": "${a}${b}"}}', "two variables side by side"),
    ],
)
def test_bad_sms_templates_are_refused(monkeypatch, raw, message):
    monkeypatch.setenv("SMS_TEMPLATES", raw)
    with pytest.raises(ImproperlyConfigured) as raised:
        env_sms_templates("SMS_TEMPLATES")
    assert str(raised.value).startswith(message) or message in str(raised.value)


def test_env_json_does_not_repeat_the_value(monkeypatch):
    monkeypatch.setenv("X_JSON", '{"secret": "hunter2"')
    with pytest.raises(ImproperlyConfigured) as raised:
        env_json("X_JSON")
    assert "hunter2" not in str(raised.value)


ALIYUN_ENV = {
    "SMS_GATEWAY": "notifications.aliyun.AliyunSmsGateway",
    "ALIYUN_SMS_ACCESS_KEY_ID": "LTAI-key",
    "ALIYUN_SMS_ACCESS_KEY_SECRET": "secret",
    "ALIYUN_SMS_SIGN_NAME": SIGN,
    "SMS_TEMPLATES": json.dumps(CONFIGURED),
}


def test_production_with_the_aliyun_gateway_starts_when_configured():
    result = load_settings(**ALIYUN_ENV)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "name",
    [
        "ALIYUN_SMS_ACCESS_KEY_ID",
        "ALIYUN_SMS_ACCESS_KEY_SECRET",
        "ALIYUN_SMS_SIGN_NAME",
        "SMS_TEMPLATES",
    ],
)
def test_the_aliyun_gateway_refuses_to_start_without_its_settings(name):
    env = {k: v for k, v in ALIYUN_ENV.items() if k != name}
    message = refusal(load_settings(**env))
    assert message.startswith(f"{name} must be set when SMS_GATEWAY is the Aliyun gateway: ")
    assert "secret" not in message.removeprefix(f"{name} must be set").split(":")[0]


def test_the_aliyun_timeout_must_leave_room_for_a_lookup_and_a_send():
    message = refusal(load_settings(**ALIYUN_ENV, ALIYUN_SMS_TIMEOUT="8"))
    assert message.startswith("ALIYUN_SMS_TIMEOUT=8: a retry may make 4 requests")
    assert message.endswith("expected at most 7 seconds")


def test_a_check_names_the_kinds_without_a_template_and_the_unknown_ones(settings):
    settings.SMS_GATEWAY = "notifications.aliyun.AliyunSmsGateway"
    settings.SMS_TEMPLATES = {**CONFIGURED, "accounts.welcom": CONFIGURED["accounts.welcome"]}

    problems = {p.id: p.msg for p in checks.sms_templates_cover_the_kinds(None)}

    assert "accounts.profile_incomplete" in problems["notifications.W001"]
    assert "accounts.welcome," not in problems["notifications.W001"]
    assert problems["notifications.W002"].endswith("do not exist: accounts.welcom")

    settings.SMS_GATEWAY = "notifications.gateways.LoggingSmsGateway"
    assert checks.sms_templates_cover_the_kinds(None) == []


# --- the logging gateway (make run) -------------------------------------------------------


def test_the_logging_gateway_prints_the_text_on_the_console_in_development(
    settings, capsys, caplog, tmp_path
):
    caplog.set_level(logging.INFO)
    settings.DEBUG = True
    LoggingSmsGateway().send(phone=PHONE, text="验证码 482913", key="sms-code-1")
    assert "验证码 482913" in capsys.readouterr().out
    assert "482913" not in caplog.text

    settings.DEBUG = False
    LoggingSmsGateway().send(phone=PHONE, text="验证码 551177", key="sms-code-2")
    assert "551177" not in capsys.readouterr().out

    # A file takes the console's place (tests, benchmarks).
    settings.DEBUG, settings.SMS_LOG_FILE = True, str(tmp_path / "sms.log")
    LoggingSmsGateway().send(phone=PHONE, text="验证码 662288", key="sms-code-3")
    assert "662288" not in capsys.readouterr().out
