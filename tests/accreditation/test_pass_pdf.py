"""The printed pass, read back by real tools: the page rasterised by pdftoppm, the QR decoded by zbarimg."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from django.utils import translation

from pressdesk.accreditation import changes, gate, passes, signing
from pressdesk.accreditation.models import Kind, ScanResult

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not all(map(shutil.which, ("pdftoppm", "pdftotext", "zbarimg"))), reason="needs poppler and zbar"
    ),
]


def read_qr(pdf: bytes, folder, name: str = "pass") -> str:
    (folder / f"{name}.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "200", "-png", folder / f"{name}.pdf", folder / name], check=True)
    [page] = folder.glob(f"{name}-*.png")
    decoded = subprocess.run(["zbarimg", "--raw", "-q", page], capture_output=True, text=True, check=True)
    return decoded.stdout.strip()


def pdf_text(pdf: bytes, folder) -> str:
    (folder / "text.pdf").write_bytes(pdf)
    return subprocess.run(["pdftotext", folder / "text.pdf", "-"], capture_output=True, text=True).stdout


def test_the_qr_on_the_printed_pass_verifies_and_admits(office, tmp_path, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the photo reaches storage
        accreditation = office.granted(kind=Kind.EVENT, event=office.event(running=True))
    pdf = passes.render(accreditation)
    token = read_qr(pdf, tmp_path)
    payload = signing.verify(token)
    assert (payload.pass_id, payload.number, payload.serial, payload.event_id) == (
        accreditation.pk,
        accreditation.number,
        1,
        accreditation.event_id,
    )
    assert office.scan(token, event=accreditation.event).result == ScanResult.ADMITTED
    assert accreditation.number in pdf_text(pdf, tmp_path)


def test_a_reissued_pass_prints_a_new_qr_and_the_old_print_is_refused(office, tmp_path):
    accreditation = office.granted()
    old = read_qr(passes.render(accreditation), tmp_path, "old")
    changes.accreditation_reissue(actor=office.officer, accreditation=accreditation)
    accreditation.refresh_from_db()
    new = read_qr(passes.render(accreditation), tmp_path, "new")
    assert signing.verify(new).serial == 2 and signing.verify(old).serial == 1
    assert office.scan(old).refusal == gate.REISSUED
    assert office.scan(new).result == ScanResult.ADMITTED
    printed = pdf_text(passes.render(accreditation), tmp_path)
    assert f"{accreditation.number}/2" in printed  # the issue is part of the number typed at the door
    assert office.scan(f"{accreditation.number}/2", gate_name="side door").result == ScanResult.ADMITTED


def test_the_pass_is_in_the_holder_s_language(office):
    journalist, account = office.person("Олег Ким", language="ru")
    accreditation = office.granted(journalist=journalist, account=account)
    html = passes.render_html(accreditation)
    assert 'lang="ru"' in html and "Олег Ким" in html
    with translation.override("ru"):
        assert accreditation.get_kind_display() in html
