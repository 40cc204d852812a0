"""Signed pass tokens (Ed25519) that a gate verifies without the server.

Keys
----
Each signing key is a file ``<key dir>/key-NNN.pem`` (PKCS#8 PEM, mode
0600, published atomically so two processes rotating at once agree on one
key). The key dir is ``settings.ACCREDITATION_KEY_DIR``, by default
``VAR_DIR / "pass-keys"``. The key id (``kid``) is NNN, 1..255; the highest
is the one that signs, the others still verify. Keys are made only by
``rotate()`` — the command ``pressdesk accreditation rotate-key``, the demo
and the tests' fixtures — never on the fly: an empty key folder (a mistyped
setting, a backup restored without it) would otherwise get a fresh key and
every pass printed before would be "forged". So a missing key, or a key file
that other users of the server can read, raises ``KeyUnavailable`` with what
to do; the pages show it to staff. ``rotate()`` adds the next id; passes
signed with an older key stay valid until its file is removed. An id is
never given twice, even after its file is removed: the highest id ever made
is kept in ``<key dir>/last-key-id``. ``public_jwks()`` exports every public key as a JWK
(``{"kty": "OKP", "crv": "Ed25519", "kid": "1", "x": <base64url of the raw
32 bytes>}``), which WebCrypto imports as is:
``crypto.subtle.importKey("jwk", jwk, {name: "Ed25519"}, false, ["verify"])``.

Token
-----
``token = b64url(payload) + "." + b64url(signature)``, base64url without
padding (RFC 4648 §5). ``signature`` is the 64-byte Ed25519 signature of the
raw ``payload`` bytes. ``payload`` (big-endian integers)::

    offset  size  field
    0       1     format, always 1
    1       1     kid: the key that signed (1..255)
    2       4     pass id (Accreditation.pk)
    6       2     serial (Accreditation.serial; a re-issue bumps it)
    8       4     event id (0 for a standing accreditation)
    12      2     valid_from, days since 2000-01-01
    14      2     valid_until, days since 2000-01-01 (inclusive)
    16      n     pass number, ASCII, e.g. "A-2026-00042" (n = rest, 1..20)

A token is about 120 characters: QR version 7 or so at level M.

Verifying (here and in the browser alike): split at the one ".", decode both
halves, payload at least 17 bytes, format 1, signature 64 bytes, number ASCII
— else ``malformed``; kid not among the known keys — ``unknown_key``;
signature fails — ``forged``; the day (Asia/Almaty) before valid_from —
``not_yet_valid``; after valid_until — ``expired``. Status (revoked,
suspended) and serial (re-issued) are not in the token: the gate checks them
against the revocation list (``services.revocation_list``).
"""

from __future__ import annotations

import base64
import binascii
import datetime
import os
import re
import stat
import struct
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pressdesk.core.services import DomainError

FORMAT = 1
EPOCH = datetime.date(2000, 1, 1)
HEADER = struct.Struct(">BBIHIHH")  # format, kid, pass id, serial, event id, valid_from, valid_until
SIGNATURE_BYTES = 64
MAX_NUMBER = 20
_KEY_FILE = re.compile(r"^key-(\d{3})\.pem$")
LAST_ID_FILE = "last-key-id"
MAX_KID = 255

MALFORMED, UNKNOWN_KEY, FORGED, EXPIRED, NOT_YET_VALID = (
    "malformed",
    "unknown_key",
    "forged",
    "expired",
    "not_yet_valid",
)
REFUSALS = {
    MALFORMED: _("This is not a pass code."),
    UNKNOWN_KEY: _("The pass was signed with a key this office does not know: it may be forged."),
    FORGED: _("The pass's signature does not match: it is forged or altered."),
    EXPIRED: _("The pass has expired."),
    NOT_YET_VALID: _("The pass is not valid yet."),
}


class KeyUnavailable(DomainError):
    """Passes cannot be signed or checked: no key in the key folder, or a key file others can read."""


class TokenRefused(Exception):
    """A token that does not verify; ``code`` is one of REFUSALS' keys, ``message`` its translated text."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code

    @property
    def message(self) -> str:
        return str(REFUSALS[self.code])


@dataclass(frozen=True)
class Payload:
    kid: int
    pass_id: int
    serial: int
    event_id: int  # 0: standing
    valid_from: datetime.date
    valid_until: datetime.date
    number: str

    def pack(self) -> bytes:
        return HEADER.pack(
            FORMAT,
            self.kid,
            self.pass_id,
            self.serial,
            self.event_id,
            (self.valid_from - EPOCH).days,
            (self.valid_until - EPOCH).days,
        ) + self.number.encode("ascii")

    @classmethod
    def unpack(cls, data: bytes) -> Payload:
        if len(data) <= HEADER.size or len(data) > HEADER.size + MAX_NUMBER:
            raise TokenRefused(MALFORMED)
        fmt, kid, pass_id, serial, event_id, start, end = HEADER.unpack_from(data)
        if fmt != FORMAT:
            raise TokenRefused(MALFORMED)
        try:
            number = data[HEADER.size :].decode("ascii")
        except UnicodeDecodeError:
            raise TokenRefused(MALFORMED) from None
        if not number.isprintable():
            raise TokenRefused(MALFORMED)
        return cls(
            kid=kid,
            pass_id=pass_id,
            serial=serial,
            event_id=event_id,
            valid_from=EPOCH + datetime.timedelta(days=start),
            valid_until=EPOCH + datetime.timedelta(days=end),
            number=number,
        )


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64url(text: str) -> bytes:
    if not re.fullmatch(r"[A-Za-z0-9_-]*", text) or len(text) % 4 == 1:
        raise TokenRefused(MALFORMED)
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise TokenRefused(MALFORMED) from None


# Keys -----------------------------------------------------------------------------------------------------------

_lock = threading.Lock()
_cache: dict[tuple[str, tuple[str, ...]], dict[int, Ed25519PrivateKey]] = {}


def key_dir() -> Path:
    return Path(getattr(settings, "ACCREDITATION_KEY_DIR", None) or Path(settings.VAR_DIR) / "pass-keys")


def _key_files(folder: Path) -> dict[int, Path]:
    if not folder.is_dir():
        return {}
    found = {}
    for path in folder.iterdir():
        if match := _KEY_FILE.match(path.name):
            found[int(match.group(1))] = path
    return found


def _publish(folder: Path, kid: int) -> None:
    """Write a new key as ``key-NNN.pem`` (0600); if another process published that id first, keep theirs."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=".new-key-")  # mkstemp creates with 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, folder / f"key-{kid:03d}.pem")  # atomic, and fails if the name exists
        except FileExistsError:
            pass
    finally:
        os.unlink(temporary)


def _check_private(path: Path) -> None:
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise KeyUnavailable(
            gettext(
                "The pass-signing key %(file)s can be read by other users of the server (mode %(mode)s): "
                "make it readable by its owner only (chmod 600 %(file)s), and rotate the key if others may have "
                "copied it."
            )
            % {"file": path, "mode": f"{mode:04o}"}
        )


def private_keys() -> dict[int, Ed25519PrivateKey]:
    """Every key by id; KeyUnavailable when there is none or a key file is not the owner's alone."""
    folder = key_dir()
    files = _key_files(folder)
    if not files:
        raise KeyUnavailable(
            gettext(
                "There is no pass-signing key in %(folder)s: run “pressdesk accreditation rotate-key”. "
                "If you restored a backup, restore the pass keys (var/pass-keys) too: a new key makes every pass "
                "printed before look forged."
            )
            % {"folder": folder}
        )
    for path in files.values():
        _check_private(path)
    marker = (str(folder), tuple(sorted(p.name for p in files.values())))
    with _lock:
        if marker not in _cache:
            keys = {}
            for kid, path in files.items():
                key = serialization.load_pem_private_key(path.read_bytes(), password=None)
                if not isinstance(key, Ed25519PrivateKey):
                    raise ValueError(f"{path} is not an Ed25519 private key")
                keys[kid] = key
            _cache.clear()
            _cache[marker] = keys
        return _cache[marker]


def current_kid() -> int:
    return max(private_keys())


def _last_id(folder: Path) -> int:
    try:
        return int((folder / LAST_ID_FILE).read_text().strip() or 0)
    except (FileNotFoundError, ValueError):
        return 0


def rotate() -> int:
    """Add a key with the next id never used in this folder; from now on it signs. Returns its id."""
    folder = key_dir()
    kid = max([*_key_files(folder), _last_id(folder)], default=0) + 1
    if kid > MAX_KID:
        raise ValueError(
            f"every key id (1-{MAX_KID}) in {folder} has been used, and an id is never given twice: "
            "passes need a new token format to take more keys"
        )
    _publish(folder, kid)
    with _lock:
        if _last_id(folder) < kid:
            (folder / LAST_ID_FILE).write_text(f"{kid}\n")
    return kid


def ensure_key() -> int:
    """The signing key's id, making the first key when the folder has none: for the demo and the tests only."""
    if not _key_files(key_dir()):
        rotate()
    return current_kid()


def raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_keys() -> dict[int, bytes]:
    """The raw 32-byte public keys by id: what ``verify`` and a gate need."""
    return {kid: raw_public(key.public_key()) for kid, key in private_keys().items()}


def public_jwks() -> list[dict[str, str]]:
    """The public keys as JWKs for the check-in page (WebCrypto imports them directly)."""
    return [
        {"kty": "OKP", "crv": "Ed25519", "kid": str(kid), "x": b64url(raw), "alg": "EdDSA"}
        for kid, raw in sorted(public_keys().items())
    ]


# Tokens ---------------------------------------------------------------------------------------------------------


def sign(payload: Payload, key: Ed25519PrivateKey | None = None) -> str:
    """The token for ``payload``, signed with ``key`` (default: the current key, whose id the payload must carry)."""
    if key is None:
        key = private_keys()[payload.kid]
    data = payload.pack()
    return f"{b64url(data)}.{b64url(key.sign(data))}"


def token_for(accreditation) -> str:
    """The token of an accreditation as it stands now, signed with the current key."""
    payload = Payload(
        kid=current_kid(),
        pass_id=accreditation.pk,
        serial=accreditation.serial,
        event_id=accreditation.event_id or 0,
        valid_from=accreditation.valid_from,
        valid_until=accreditation.valid_until,
        number=accreditation.number,
    )
    return sign(payload)


def looks_like_token(text: str) -> bool:
    return text.count(".") == 1 and len(text) > 40


def decode(token: str) -> tuple[Payload, bytes, bytes]:
    """(payload, its bytes, the signature) without checking the signature; raises TokenRefused(MALFORMED)."""
    token = token.strip()
    if token.count(".") != 1:
        raise TokenRefused(MALFORMED)
    head, tail = token.split(".")
    data, signature = unb64url(head), unb64url(tail)
    if len(signature) != SIGNATURE_BYTES:
        raise TokenRefused(MALFORMED)
    return Payload.unpack(data), data, signature


def verify(token: str, keys: dict[int, bytes] | None = None, *, today: datetime.date | None = None) -> Payload:
    """The payload of a genuine token valid on ``today`` (Almaty); raises TokenRefused with the reason.

    ``keys`` maps key id to raw 32-byte public key; default: this office's keys.
    """
    payload, data, signature = decode(token)
    keys = public_keys() if keys is None else keys
    raw = keys.get(payload.kid)
    if raw is None:
        raise TokenRefused(UNKNOWN_KEY)
    try:
        Ed25519PublicKey.from_public_bytes(raw).verify(signature, data)
    except InvalidSignature:
        raise TokenRefused(FORGED) from None
    today = today or timezone.localdate()
    if today < payload.valid_from:
        raise TokenRefused(NOT_YET_VALID)
    if today > payload.valid_until:
        raise TokenRefused(EXPIRED)
    return payload
