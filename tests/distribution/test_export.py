"""The delivery log exported as CSV and XLSX, read back: the page's columns, in Almaty time, with the filter kept."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.utils import timezone

from pressdesk.distribution import sending, services, unsubscribe
from pressdesk.distribution.models import DeliveryStatus
from tests.conftest import verified_client

HEADER = ["Address", "Name", "Language", "Status", "Attempts", "Sent at (Almaty time)", "Reason or error"]


@pytest.fixture
def sent(post, smtp):
    """A release sent for real to two Kazakh and one Russian journalist; one unsubscribed after it started."""
    post.journalists(2, language="kk", prefix="kk")
    post.journalists(1, language="ru", prefix="ru")
    mailing = post.mailing()
    services.start(actor=post.secretary, mailing=mailing)
    unsubscribe.suppress("kk1@example.kz", "releases")
    sending.run(mailing.pk)
    return mailing


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_csv_holds_every_letter_with_its_state(post, sent):
    response = verified_client(post.secretary).get(f"/en/distribution/{sent.pk}/log.csv")

    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert f'filename="mailing-{sent.pk}-log.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == HEADER
    by_address = {row[0]: row for row in rows[1:]}
    assert set(by_address) == {"kk0@example.kz", "kk1@example.kz", "ru0@example.kz"}
    ru = by_address["ru0@example.kz"]
    sent_at = sent.deliveries.get(address="ru0@example.kz").sent_at
    assert ru[:5] == ["ru0@example.kz", "Журналист ru0", "Русский", "Sent", "1"]
    assert ru[5] == f"{timezone.localtime(sent_at):%Y-%m-%d %H:%M:%S}" and ru[6] == ""
    assert by_address["kk1@example.kz"][3:] == ["Not sent", "0", "", "Unsubscribed"]  # skipped before any attempt


def test_the_xlsx_keeps_the_filter_of_the_log(post, sent):
    response = verified_client(post.secretary).get(f"/en/distribution/{sent.pk}/log.xlsx?status=sent&language=kk")

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(body(response)), read_only=True).worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == HEADER
    assert [row[:4] for row in rows[1:]] == [["kk0@example.kz", "Журналист kk0", "Қазақша", "Sent"]]
    assert sent.deliveries.filter(status=DeliveryStatus.SENT).count() == 2


def test_only_those_who_may_export_the_directory_export_the_log(post, sent):
    head = verified_client(post.desk.head)

    assert head.get(f"/en/distribution/{sent.pk}/log/").status_code == 200
    assert "log.csv" not in head.get(f"/en/distribution/{sent.pk}/log/").content.decode()
    assert head.get(f"/en/distribution/{sent.pk}/log.csv").status_code == 403
    assert verified_client(post.secretary).get(f"/en/distribution/{sent.pk}/log.pdf").status_code == 404
