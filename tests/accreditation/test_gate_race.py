"""Two gates scanning one pass at the same moment: exactly one admits, on SQLite and on PostgreSQL alike."""

from __future__ import annotations

import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from pressdesk.accreditation import signing
from pressdesk.accreditation.models import CheckIn, ScanResult

# Real transactions on separate connections, as two web processes would have.
pytestmark = pytest.mark.django_db(transaction=True)


def at_once(count: int, scan) -> list:
    """Run ``scan(i)`` in ``count`` threads released together; each thread has its own database connection."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = scan(i)
        except Exception as error:  # reported by the test, not lost in the thread
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def test_two_gates_at_once_admit_once(office):
    event = office.event(running=True)
    token = signing.token_for(office.granted())
    for _round in range(3):  # several rounds: a lost race shows up at least once if the lock is missing
        CheckIn.objects.all().delete()
        scans = at_once(4, lambda i: office.scan(token, event=event, gate_name=f"gate {i}"))
        assert not [s for s in scans if isinstance(s, Exception)], scans
        assert sorted(s.result for s in scans) == [ScanResult.ADMITTED] + [ScanResult.ALREADY] * 3
        assert CheckIn.objects.filter(result=ScanResult.ADMITTED).count() == 1


def test_one_upload_sent_twice_at_once_is_one_scan(office):
    token = signing.token_for(office.granted())
    scans = at_once(3, lambda i: office.scan(token, nonce_="device7-scan-000123"))
    assert not [s for s in scans if isinstance(s, Exception)], scans
    assert {s.check_in.pk for s in scans} == {CheckIn.objects.get().pk}
    assert [s.repeated for s in scans].count(False) == 1


def test_the_database_refuses_a_second_admission_even_past_the_service(office):
    event = office.event(running=True)
    accreditation = office.granted()
    now = timezone.now()
    fields = {"accreditation": accreditation, "event": event, "day": now.date(), "scanned_at": now}
    CheckIn.objects.create(nonce="first-scan-0001", result=ScanResult.ADMITTED, **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        CheckIn.objects.create(nonce="second-scan-0002", result=ScanResult.ADMITTED, **fields)
    CheckIn.objects.create(nonce="third-scan-0003", result=ScanResult.ALREADY, **fields)
