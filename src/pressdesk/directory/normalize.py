"""Contacts to one comparable form: emails lower-cased, phones as E.164.

Phone numbers here are written "+7 701 234 56 78", "8 (701) 234-56-78",
"87012345678", "7012345678": phonenumbers with region KZ reads them all.
"""

from __future__ import annotations

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from pressdesk.directory.models import ContactKind

DEFAULT_REGION = "KZ"


def parse_phone(raw: str) -> phonenumbers.PhoneNumber:
    """The number as phonenumbers reads it, or ValidationError with a message for the user."""
    text = raw.strip()
    digits = "".join(ch for ch in text if ch.isdigit())
    # A bare ten-digit "701 234 56 78" is a Kazakh mobile without its trunk prefix.
    if len(digits) == 10 and not text.startswith("+") and digits[0] in "67":
        text = "+7" + digits
    try:
        number = phonenumbers.parse(text, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        raise ValidationError(_("“%(value)s” is not a phone number.") % {"value": raw}) from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(_("“%(value)s” is not a valid phone number.") % {"value": raw})
    return number


def email_normalized(raw: str) -> str:
    value = raw.strip()
    try:
        validate_email(value)
    except ValidationError:
        raise ValidationError(_("“%(value)s” is not an email address.") % {"value": raw}) from None
    return value.lower()


def contact_normalized(kind: str, raw: str) -> tuple[str, str]:
    """(value to show, value to compare) for a contact of ``kind``; ValidationError when unusable."""
    if not raw or not raw.strip():
        raise ValidationError(_("The contact is empty."))
    if kind == ContactKind.EMAIL:
        normalized = email_normalized(raw)
        return raw.strip(), normalized
    if kind == ContactKind.PHONE:
        # Parsed once: imports of tens of thousands of rows spend most of their check here.
        number = parse_phone(raw)
        return (
            phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
            phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
        )
    value = raw.strip()
    return value, value.lower().lstrip("@")
