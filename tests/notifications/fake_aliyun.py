"""A local fake of Alibaba Cloud SMS (dysmsapi 2017-05-25) on 127.0.0.1, for the gateway's tests.

It checks what the real API checks before doing anything (the RPC v1 signature, computed here
independently of notifications/aliyun.py; the key, a fresh nonce, a recent timestamp), then
answers ``SendSms`` and ``QuerySendDetails`` as documented: a template it knows, filled with the
TemplateParam values, is "delivered" to the number's ``inbox`` (what the phone would show) and
recorded with its OutId for QuerySendDetails. Like the real one, it does not deduplicate on OutId.

A test scripts what the next calls of an action do: ``fake.then("SendSms", "throttle")``.

- ``"ok"`` (the default): as above.
- ``"throttle"``: isv.BUSINESS_LIMIT_CONTROL, nothing sent.
- ``"accept_then_hang"``: the message is delivered, then no answer until the client gave up.
- ``"hang"``: no answer until the client gave up, and nothing sent.
- ``("error", http_status, code)`` or ``("raw", http_status, body)``: that answer, nothing sent.
"""

import base64
import hashlib
import hmac
import json
import re
import threading
import uuid
from collections import defaultdict, deque
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit
from zoneinfo import ZoneInfo

CHINA = ZoneInfo("Asia/Shanghai")
_UNRESERVED = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_VARIABLE = re.compile(r"\$\{(\w+)\}")
_COMMON = ("AccessKeyId", "Action", "Format", "SignatureMethod", "SignatureNonce",
           "SignatureVersion", "Timestamp", "Version", "Signature")  # fmt: skip


def _encode(value: str) -> str:
    return "".join(chr(b) if b in _UNRESERVED else f"%{b:02X}" for b in value.encode())


def expected_signature(method: str, params: dict[str, str], secret: str) -> str:
    query = "&".join(
        f"{_encode(k)}={_encode(v)}" for k, v in sorted(params.items()) if k != "Signature"
    )
    to_sign = f"{method}&%2F&{_encode(query)}"
    digest = hmac.new((secret + "&").encode(), to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


class FakeAliyun:
    def __init__(self, *, access_key_id: str, access_key_secret: str, sign_name: str,
                 templates: dict[str, str], hang_seconds: float = 10.0):  # fmt: skip
        self.access_key_id = access_key_id
        self.access_key_secret = access_key_secret
        self.sign_name = sign_name
        self.templates = templates  # code -> approved text with ${variables}
        self.hang_seconds = hang_seconds
        self.requests: list[dict[str, str]] = []  # every signed request, in order
        self.inbox: dict[str, list[str]] = defaultdict(list)  # number -> texts received
        self.records: list[dict] = []  # what QuerySendDetails reports
        self._script: dict[str, deque] = defaultdict(deque)
        self._nonces: set[str] = set()
        self._lock = threading.Lock()
        self._release = threading.Event()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.server.block_on_close = False

    # --- the test's side -------------------------------------------------------------------

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def then(self, action: str, *behaviours) -> None:
        self._script[action].extend(behaviours)

    def calls(self, action: str) -> list[dict[str, str]]:
        return [r for r in self.requests if r.get("Action") == action]

    def __enter__(self) -> "FakeAliyun":
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self._release.set()  # hanging answers end now
        self.server.shutdown()
        self.server.server_close()

    # --- the API's side --------------------------------------------------------------------

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                self._answer("POST", self.rfile.read(length).decode())

            def do_GET(self):
                self._answer("GET", urlsplit(self.path).query)

            def _answer(self, method, query):
                params = dict(parse_qsl(query, keep_blank_values=True))
                status, body = fake.handle(method, params)
                if body is None:  # the client gave up long ago
                    return
                raw = body if isinstance(body, bytes) else json.dumps(body).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json;charset=utf-8")
                    self.send_header("Content-Length", str(len(raw)))
                    self.end_headers()
                    self.wfile.write(raw)
                except OSError:
                    pass

            def log_message(self, *args):
                pass

        return Handler

    def _error(self, status: int, code: str, message: str = ""):
        return status, {"RequestId": str(uuid.uuid4()), "Code": code, "Message": message or code}

    def handle(self, method: str, params: dict[str, str]):
        missing = [name for name in _COMMON if not params.get(name)]
        if missing:
            return self._error(400, "MissingParameter", f"{missing[0]} is mandatory")
        if params["AccessKeyId"] != self.access_key_id:
            return self._error(404, "InvalidAccessKeyId.NotFound")
        if (params["Version"], params["Format"]) != ("2017-05-25", "JSON"):
            return self._error(400, "InvalidVersion")
        if (params["SignatureMethod"], params["SignatureVersion"]) != ("HMAC-SHA1", "1.0"):
            return self._error(400, "InvalidSignatureMethod")
        wanted = expected_signature(method, params, self.access_key_secret)
        if not hmac.compare_digest(params["Signature"], wanted):
            return self._error(400, "SignatureDoesNotMatch", "Specified signature is not matched")
        try:
            stamp = datetime.strptime(params["Timestamp"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        except ValueError:
            return self._error(400, "InvalidTimeStamp.Format")
        if abs(datetime.now(UTC) - stamp) > timedelta(minutes=15):
            return self._error(400, "InvalidTimeStamp.Expired")
        with self._lock:
            if params["SignatureNonce"] in self._nonces:
                return self._error(400, "SignatureNonceUsed")
            self._nonces.add(params["SignatureNonce"])
            self.requests.append(params)
            script = self._script[params["Action"]]
            behaviour = script.popleft() if script else "ok"
        if isinstance(behaviour, tuple):
            kind, status, payload = behaviour
            if kind == "error":
                return self._error(status, payload)
            return status, payload
        if behaviour == "hang":
            self._release.wait(self.hang_seconds)
            return self._error(503, "ServiceUnavailable")
        if behaviour == "throttle":
            return self._error(200, "isv.BUSINESS_LIMIT_CONTROL", "触发分钟级流控Permits:1")
        if params["Action"] == "SendSms":
            status, body = self._send(params)
        elif params["Action"] == "QuerySendDetails":
            status, body = self._query(params)
        else:
            return self._error(400, "InvalidAction.NotFound")
        if behaviour == "accept_then_hang":
            self._release.wait(self.hang_seconds)
        return status, body

    def _send(self, params):
        phone = params.get("PhoneNumbers", "")
        if not _MOBILE.fullmatch(phone):
            return self._error(200, "isv.MOBILE_NUMBER_ILLEGAL", "非法手机号")
        if params.get("SignName") != self.sign_name:
            return self._error(200, "isv.SMS_SIGNATURE_ILLEGAL", "该账号下找不到对应签名")
        text = self.templates.get(params.get("TemplateCode", ""))
        if text is None:
            return self._error(200, "isv.SMS_TEMPLATE_ILLEGAL", "该账号下找不到对应模板")
        try:
            values = json.loads(params.get("TemplateParam") or "{}")
        except ValueError:
            return self._error(200, "isv.INVALID_JSON_PARAM", "JSON参数不合法")
        if not isinstance(values, dict) or not all(isinstance(v, str) for v in values.values()):
            return self._error(200, "isv.INVALID_JSON_PARAM", "JSON参数不合法，只接受字符串值")
        names = set(_VARIABLE.findall(text))
        if not names <= set(values):
            return self._error(200, "isv.TEMPLATE_MISSING_PARAMETERS", "模版缺少变量")
        content = f"【{self.sign_name}】" + _VARIABLE.sub(lambda m: values[m[1]], text)
        biz_id = f"{uuid.uuid4().int % 10**18}^0"
        now = datetime.now(CHINA)
        with self._lock:
            self.inbox[phone].append(content)
            self.records.append(
                {
                    "PhoneNum": phone,
                    "SendStatus": 3,
                    "ErrCode": "DELIVERED",
                    "TemplateCode": params["TemplateCode"],
                    "Content": content,
                    "SendDate": f"{now:%Y-%m-%d %H:%M:%S}",
                    "ReceiveDate": f"{now:%Y-%m-%d %H:%M:%S}",
                    "OutId": params.get("OutId", ""),
                }
            )
        return 200, {"RequestId": str(uuid.uuid4()), "Code": "OK", "Message": "OK",
                     "BizId": biz_id}  # fmt: skip

    def _query(self, params):
        phone, day = params.get("PhoneNumber", ""), params.get("SendDate", "")
        try:
            size, page = int(params.get("PageSize", "")), int(params.get("CurrentPage", ""))
        except ValueError:
            return self._error(400, "MissingParameter")
        if not (1 <= size <= 50 and page >= 1 and re.fullmatch(r"\d{8}", day)):
            return self._error(200, "isv.INVALID_PARAMETERS", "参数异常")
        day = f"{day[:4]}-{day[4:6]}-{day[6:]}"
        with self._lock:
            found = [
                r for r in self.records if r["PhoneNum"] == phone and r["SendDate"][:10] == day
            ]
        shown = found[(page - 1) * size : page * size]
        return 200, {
            "RequestId": str(uuid.uuid4()),
            "Code": "OK",
            "Message": "OK",
            "TotalCount": len(found),
            "SmsSendDetailDTOs": {"SmsSendDetailDTO": shown},
        }
