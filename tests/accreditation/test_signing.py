"""Pass tokens: what a gate verifies without the server, and every way a token is refused."""

from __future__ import annotations

import base64
import datetime
import stat

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.utils import translation

from pressdesk.accreditation import signing
from pressdesk.accreditation.signing import Payload, TokenRefused

TODAY = datetime.date(2026, 3, 14)
KEY = Ed25519PrivateKey.generate()


def payload(**changes) -> Payload:
    fields = {
        "kid": signing.current_kid(),
        "pass_id": 42,
        "serial": 1,
        "event_id": 0,
        "valid_from": TODAY,
        "valid_until": TODAY + datetime.timedelta(days=364),
        "number": "A-2026-00042",
    }
    return Payload(**{**fields, **changes})


def refused(token: str, keys=None, today=TODAY) -> str:
    with pytest.raises(TokenRefused) as caught:
        signing.verify(token, keys, today=today)
    return caught.value.code


def test_a_genuine_token_gives_back_its_payload():
    token = signing.sign(payload(event_id=7))
    assert signing.verify(token, today=TODAY) == payload(event_id=7)
    assert len(token) < 130 and token.count(".") == 1


def test_the_documented_byte_layout():
    data = payload().pack()
    assert data[0] == 1 and data[1] == signing.current_kid()
    assert int.from_bytes(data[2:6], "big") == 42 and int.from_bytes(data[6:8], "big") == 1
    assert int.from_bytes(data[8:12], "big") == 0
    assert datetime.date(2000, 1, 1) + datetime.timedelta(days=int.from_bytes(data[12:14], "big")) == TODAY
    assert data[16:] == b"A-2026-00042"
    head, tail = signing.sign(payload()).split(".")
    assert base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)) == data
    assert len(base64.urlsafe_b64decode(tail + "==")) == 64


def test_an_altered_token_is_refused_as_forged():
    head, tail = signing.sign(payload()).split(".")
    other_pass = signing.b64url(payload(pass_id=43).pack())
    assert refused(f"{other_pass}.{tail}") == signing.FORGED
    later = signing.b64url(payload(valid_until=TODAY + datetime.timedelta(days=3000)).pack())
    assert refused(f"{later}.{tail}") == signing.FORGED
    flipped = tail[:10] + ("A" if tail[10] != "A" else "B") + tail[11:]
    assert refused(f"{head}.{flipped}") == signing.FORGED


def test_a_token_signed_with_another_key_is_refused():
    stranger = Ed25519PrivateKey.generate()
    assert refused(signing.sign(payload(), key=stranger)) == signing.FORGED
    assert refused(signing.sign(payload(kid=200), key=stranger)) == signing.UNKNOWN_KEY


def test_expired_and_not_yet_valid_tokens_are_refused_by_their_dates():
    token = signing.sign(payload())
    assert refused(token, today=TODAY + datetime.timedelta(days=365)) == signing.EXPIRED
    assert signing.verify(token, today=TODAY + datetime.timedelta(days=364))  # the last day counts
    assert refused(token, today=TODAY - datetime.timedelta(days=1)) == signing.NOT_YET_VALID


@pytest.mark.parametrize(
    "garbage",
    ["", "hello", "A-2026-00042", "....", "abc.def", "!!!.???", "QUJD.QUJD", "x" * 500, "AQ.AQ", "\x00.\x00"],
)
def test_garbage_is_malformed(garbage):
    assert refused(garbage) == signing.MALFORMED


def test_a_token_with_a_wrong_format_byte_is_malformed_even_when_signed():
    data = bytearray(payload().pack())
    data[0] = 2
    key = signing.private_keys()[signing.current_kid()]
    token = f"{signing.b64url(bytes(data))}.{signing.b64url(key.sign(bytes(data)))}"
    assert refused(token) == signing.MALFORMED


def test_the_key_is_owner_only_and_rotation_keeps_old_passes_valid(settings):
    folder = settings.ACCREDITATION_KEY_DIR
    old = signing.sign(payload())
    [path] = folder.glob("key-*.pem")
    assert path.name == "key-001.pem" and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert signing.rotate() == 2 and signing.current_kid() == 2
    assert signing.verify(old, today=TODAY).kid == 1
    assert signing.verify(signing.sign(payload(kid=2)), today=TODAY).kid == 2
    (folder / "key-001.pem").unlink()  # the old key retired: what it signed is refused
    assert refused(old) == signing.UNKNOWN_KEY


def test_a_key_id_is_never_given_twice(settings):
    folder = settings.ACCREDITATION_KEY_DIR
    assert signing.rotate() == 2
    (folder / "key-002.pem").unlink()  # the newest key retired (or lost)
    assert signing.rotate() == 3  # not 2 again: a token signed by the old key 2 must never verify as key 2's
    (folder / signing.LAST_ID_FILE).write_text("255\n")
    with pytest.raises(ValueError, match="never given twice") as caught:
        signing.rotate()
    assert "renumber" not in str(caught.value)


def test_no_key_is_made_on_the_fly_in_an_empty_folder(settings, tmp_path):
    settings.ACCREDITATION_KEY_DIR = tmp_path / "restored-without-keys"
    with translation.override("en"), pytest.raises(signing.KeyUnavailable) as caught:
        signing.sign(payload(kid=1))
    message = str(caught.value)
    assert "There is no pass-signing key in" in message and "pressdesk accreditation rotate-key" in message
    assert "If you restored a backup, restore the pass keys (var/pass-keys) too" in message
    for use in (signing.public_jwks, signing.current_kid, lambda: signing.verify(signing.sign(payload(), key=KEY))):
        with pytest.raises(signing.KeyUnavailable):
            use()
    assert not list((tmp_path / "restored-without-keys").glob("key-*.pem"))
    assert signing.ensure_key() == 1  # the demo's and the tests' way: the first key, once
    assert signing.ensure_key() == 1


def test_a_key_file_others_can_read_is_refused(settings):
    [path] = settings.ACCREDITATION_KEY_DIR.glob("key-*.pem")
    path.chmod(0o644)
    with translation.override("en"), pytest.raises(signing.KeyUnavailable, match="chmod 600") as caught:
        signing.sign(payload())
    assert "(mode 0644)" in str(caught.value)
    path.chmod(0o600)
    assert signing.verify(signing.sign(payload()), today=TODAY)


def test_the_published_keys_verify_what_the_office_signs():
    [jwk] = signing.public_jwks()
    assert (jwk["kty"], jwk["crv"], jwk["kid"]) == ("OKP", "Ed25519", "1")
    raw = base64.urlsafe_b64decode(jwk["x"] + "=")
    assert len(raw) == 32
    assert signing.verify(signing.sign(payload()), {1: raw}, today=TODAY) == payload()
