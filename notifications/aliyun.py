"""Alibaba Cloud SMS (短信服务, dysmsapi 2017-05-25) through its documented HTTP RPC API.

Written on the standard library rather than the official ``alibabacloud_dysmsapi20170525``
SDK, which brings the Tea runtime, an OpenAPI client, credential providers and their own
dependencies for what is two signed POST requests: ``SendSms`` and ``QuerySendDetails``,
signed with the RPC signature v1 (HMAC-SHA1 over the canonicalised parameters), which
``sign`` implements and the tests check against Aliyun's documented example.

Mainland providers send templates, not free text: each template (its text with ``${name}``
variables) is approved beforehand, and a message is a template code plus the values of its
variables. ``SMS_TEMPLATES`` lists the approved templates per kind of message; a text from the
outbox goes out with the first template whose text it fits, its variables read off the text, so
the phone shows what the outbox holds (behind the 【sign name】). A text that fits none is
refused for good, before any request.

Aliyun does not deduplicate: SendSms "does not support idempotence" and its documentation asks
callers who time out to look the message up before retrying. The outbox key goes out as
``OutId``, which ``QuerySendDetails`` returns with each record of a number's day;
``already_sent`` looks for it, and the outbox asks before every retry (notifications/services.py).
"""

import base64
import hashlib
import hmac
import json
import logging
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.error import HTTPError, URLError
from urllib.parse import quote
from urllib.request import Request, urlopen
from zoneinfo import ZoneInfo

from django.conf import settings

from .gateways import PermanentSendError, SmsGateway

logger = logging.getLogger("youthventure.sms")

API_VERSION = "2017-05-25"
# Aliyun's dates (SendDate of QuerySendDetails) are China's.
CHINA = ZoneInfo("Asia/Shanghai")
PAGE_SIZE = 50  # the most QuerySendDetails returns at once

# Refusals of this message that a retry would meet again: FAILED at once.
PERMANENT_CODES = frozenset(
    {
        "isv.SMS_TEMPLATE_ILLEGAL",  # no such template, or not approved
        "isv.TEMPLATE_MISSING_PARAMETERS",
        "isv.TEMPLATE_PARAMS_ILLEGAL",
        "isv.INVALID_PARAMETERS",
        "isv.INVALID_JSON_PARAM",
        "isv.PARAM_LENGTH_LIMIT",  # a variable's value is too long for its template
        "isv.PARAM_NOT_SUPPORT_URL",
        "isv.SMS_SIGNATURE_ILLEGAL",  # sign name unknown or not approved
        "isv.SMS_SIGN_ILLEGAL",
        "isv.SIGN_STATE_ILLEGAL",
        "isv.SMS_SIGNATURE_SCENE_ILLEGAL",
        "isv.MOBILE_NUMBER_ILLEGAL",
        "isv.MOBILE_COUNT_OVER_LIMIT",
        "isv.DOMESTIC_NUMBER_NOT_SUPPORTED",
        "isv.SMS_CONTENT_ILLEGAL",
        "isv.BLACK_KEY_CONTROL_LIMIT",
        "isv.EXTEND_CODE_ERROR",
    }
)
# Everything else is retried with backoff: throttling (isv.BUSINESS_LIMIT_CONTROL, Throttling.*),
# the account's day or month limit, a balance run out, Aliyun's own errors, 5xx, timeouts, and
# codes this list does not know. The account-wide ones may be put right by the operator while
# the retries last; after them the message is FAILED and staff can send it again.

_VARIABLE = re.compile(r"\$\{([A-Za-z][A-Za-z0-9_]*)\}")


class AliyunSmsError(Exception):
    """Aliyun answered with an error code; retried (see ``PERMANENT_CODES``)."""

    def __init__(self, code: str, message: str = "", status: int = 200):
        self.code, self.status = code, status
        super().__init__(f"{code}: {message}" if message else code)


class AliyunSmsRefused(AliyunSmsError, PermanentSendError):
    """Aliyun refused this message for good."""


class AliyunSmsNoAnswer(Exception):
    """No answer in time, or none that could be read: Aliyun may have accepted the message.
    Retried; the retry looks the message up by its OutId before sending it again."""


class NoTemplateFits(PermanentSendError):
    """The text fits none of the templates in SMS_TEMPLATES: nothing was sent."""


def percent_encode(value: str) -> str:
    """RFC 3986 with UTF-8, as the signature wants: only A-Z a-z 0-9 - _ . ~ stay as they are
    (a space is %20, ``*`` is %2A)."""
    return quote(value, safe="")


def canonical_query(params: dict[str, str]) -> str:
    return "&".join(f"{percent_encode(k)}={percent_encode(v)}" for k, v in sorted(params.items()))


def string_to_sign(method: str, params: dict[str, str]) -> str:
    return f"{method}&{percent_encode('/')}&{percent_encode(canonical_query(params))}"


def sign(method: str, params: dict[str, str], secret: str) -> str:
    """RPC signature v1: base64 of HMAC-SHA1, keyed with the secret and ``&``."""
    digest = hmac.new(
        f"{secret}&".encode(), string_to_sign(method, params).encode(), hashlib.sha1
    ).digest()
    return base64.b64encode(digest).decode()


def out_id(key: str) -> str:
    """The outbox key as OutId. Aliyun states no limit; keys longer than 64 characters (none
    are today) go as a hash of themselves, so every OutId stays short and unique."""
    if len(key) <= 64 and key.isascii():
        return key
    return "sha256-" + hashlib.sha256(key.encode()).hexdigest()[:48]


@dataclass(frozen=True)
class Template:
    code: str
    text: str
    pattern: re.Pattern

    @classmethod
    def compile(cls, code: str, text: str) -> "Template":
        parts, seen, position = [], set(), 0
        for match in _VARIABLE.finditer(text):
            parts.append(re.escape(text[position : match.start()]))
            name = match[1]
            parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
            seen.add(name)
            position = match.end()
        parts.append(re.escape(text[position:]))
        return cls(code=code, text=text, pattern=re.compile("".join(parts), re.DOTALL))

    def fill(self, text: str) -> dict[str, str] | None:
        """The values of the variables that make this template read ``text``, or None."""
        match = self.pattern.fullmatch(text)
        return match.groupdict() if match else None


def templates_from_settings() -> list[Template]:
    return [
        Template.compile(entry["code"], entry["text"])
        for entries in settings.SMS_TEMPLATES.values()
        for entry in entries
    ]


class AliyunSmsGateway(SmsGateway):
    def __init__(self):
        self.endpoint = settings.ALIYUN_SMS_ENDPOINT.rstrip("/") + "/"
        self.access_key_id = settings.ALIYUN_SMS_ACCESS_KEY_ID
        self.access_key_secret = settings.ALIYUN_SMS_ACCESS_KEY_SECRET
        self.sign_name = settings.ALIYUN_SMS_SIGN_NAME
        self.timeout = settings.ALIYUN_SMS_TIMEOUT
        self.lookup_requests = settings.ALIYUN_SMS_LOOKUP_REQUESTS
        self.templates = templates_from_settings()

    # --- sending ---------------------------------------------------------------------------

    def fit(self, text: str) -> tuple[Template, dict[str, str]]:
        for template in self.templates:
            values = template.fill(text)
            if values is not None:
                return template, values
        # Neither the text nor the key: the text may hold a code.
        raise NoTemplateFits("the text fits none of the templates in SMS_TEMPLATES")

    def send(self, *, phone: str, text: str, key: str) -> None:
        template, values = self.fit(text)
        params = {
            "PhoneNumbers": phone,
            "SignName": self.sign_name,
            "TemplateCode": template.code,
            "OutId": out_id(key),
        }
        if values:
            params["TemplateParam"] = json.dumps(values, ensure_ascii=False)
        answer = self.call("SendSms", params)
        logger.info(
            "SMS to %s****%s [%s] accepted as %s", phone[:3], phone[-4:], key, answer.get("BizId")
        )

    # --- looking up ------------------------------------------------------------------------

    def already_sent(self, *, phone: str, key: str, since: datetime) -> bool:
        """Whether a record of the number's day (today and yesterday, China time; not before
        ``since``) carries this OutId. Raises AliyunSmsNoAnswer when it cannot tell within
        ALIYUN_SMS_LOOKUP_REQUESTS requests: then nothing is sent, and the retry asks again."""
        wanted = out_id(key)
        now = datetime.now(CHINA)
        first_day = min(
            max(since.astimezone(CHINA).date(), (now - timedelta(days=1)).date()), now.date()
        )
        days = [now.date() - timedelta(days=n) for n in range((now.date() - first_day).days + 1)]
        requests_left = self.lookup_requests
        for day in days:
            page, seen = 1, 0
            while True:
                if requests_left == 0:
                    raise AliyunSmsNoAnswer(
                        f"could not look through the provider's records in "
                        f"{self.lookup_requests} requests; not sent again"
                    )
                requests_left -= 1
                answer = self.call(
                    "QuerySendDetails",
                    {
                        "PhoneNumber": phone,
                        "SendDate": f"{day:%Y%m%d}",
                        "PageSize": str(PAGE_SIZE),
                        "CurrentPage": str(page),
                    },
                )
                records = (answer.get("SmsSendDetailDTOs") or {}).get("SmsSendDetailDTO") or []
                if any(record.get("OutId") == wanted for record in records):
                    logger.info("SMS [%s] already accepted by the provider: not sent again", key)
                    return True
                seen += len(records)
                if not records or seen >= int(answer.get("TotalCount") or 0):
                    break
                page += 1
        return False

    # --- the API ---------------------------------------------------------------------------

    def call(self, action: str, params: dict[str, str]) -> dict:
        """One signed POST; the answer when its Code is OK, else the error it stands for."""
        params = {
            **params,
            "Action": action,
            "Version": API_VERSION,
            "Format": "JSON",
            "AccessKeyId": self.access_key_id,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureVersion": "1.0",
            # A fresh nonce per request, retries included: Aliyun refuses one seen before.
            "SignatureNonce": uuid.uuid4().hex,
            "Timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        params["Signature"] = sign("POST", params, self.access_key_secret)
        request = Request(
            self.endpoint,
            data=canonical_query(params).encode(),
            method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
        )
        try:
            with urlopen(request, timeout=self.timeout) as response:
                status, body = response.status, response.read()
        except HTTPError as exc:
            status, body = exc.code, exc.read()
        except TimeoutError as exc:
            raise AliyunSmsNoAnswer(f"{action}: no answer within {self.timeout} s") from exc
        except URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise AliyunSmsNoAnswer(f"{action}: no answer within {self.timeout} s") from exc
            raise AliyunSmsNoAnswer(f"{action}: {exc.reason}") from exc
        except OSError as exc:  # the connection dropped mid-answer
            raise AliyunSmsNoAnswer(f"{action}: {exc}") from exc
        try:
            answer = json.loads(body)
            code = answer["Code"]
        except (ValueError, KeyError, TypeError):
            raise AliyunSmsNoAnswer(f"{action}: HTTP {status} without a readable answer") from None
        if code == "OK":
            return answer
        error = AliyunSmsRefused if code in PERMANENT_CODES else AliyunSmsError
        raise error(code, str(answer.get("Message", ""))[:200], status)
