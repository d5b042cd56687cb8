"""``get_token`` for kept pages, with one draw of randomness instead of sixty-four.

Django's ``django.middleware.csrf.get_token`` draws each character of a new secret and of the
token's mask with its own ``secrets.choice`` (an ``os.urandom`` call apiece, ~0.1 ms a token).
A kept public page is otherwise answered in a fraction of that, and every visitor without a
CSRF cookie needs a new secret. This is the same function with the characters drawn from one
``secrets.token_bytes`` call (bytes that would bias the draw are thrown away): the same secret
in ``request.META`` (so ``CsrfViewMiddleware`` sets the cookie), the same token format, checked
by Django as its own (``tests/test_caching.py``).
"""

import secrets

from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH

_CHARS = CSRF_ALLOWED_CHARS
_INDEX = {char: i for i, char in enumerate(_CHARS)}
# 248 = 4 × 62: a byte at or above it is drawn again, so every character is equally likely.
_UNBIASED_BELOW = 256 - 256 % len(_CHARS)


def _random_string(length: int) -> str:
    chars: list[str] = []
    while len(chars) < length:
        chars.extend(
            _CHARS[byte % len(_CHARS)]
            for byte in secrets.token_bytes(length + 8)
            if byte < _UNBIASED_BELOW
        )
    return "".join(chars[:length])


def get_token(request) -> str:
    """The masked CSRF token for ``request``, its secret made now if it has none yet."""
    secret = request.META.get("CSRF_COOKIE")
    if secret is None:
        secret = _random_string(CSRF_SECRET_LENGTH)
        request.META["CSRF_COOKIE"] = secret
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    mask = _random_string(CSRF_SECRET_LENGTH)
    size = len(_CHARS)
    return mask + "".join(
        _CHARS[(_INDEX[s] + _INDEX[m]) % size] for s, m in zip(secret, mask, strict=True)
    )
