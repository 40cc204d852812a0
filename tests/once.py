"""Sending a form twice with its one-time key (core/submissions.py), as a double click does."""

from __future__ import annotations

import re

from django.test import Client

ALREADY = "This form was already sent: here is what it made. Nothing was made twice."


def key_on(client: Client, path: str) -> str:
    keys = re.findall(r'name="once" value="([0-9a-f]{32})"', client.get(path).content.decode())
    assert keys and len(set(keys)) == len(keys)  # a page of several forms gives each its own
    return keys[0]


def sent_twice(client: Client, path: str, data: dict) -> tuple[str, str]:
    """The same form with the same key, twice: where each answer sends the user; the second must say it."""
    data = {**data, "once": key_on(client, path)}
    first = client.post(path, data)
    second = client.post(path, data, follow=True)
    assert first.status_code == 302, first.content.decode()[:2000]
    assert ALREADY in second.content.decode()
    return first["Location"], second.redirect_chain[0][0]
