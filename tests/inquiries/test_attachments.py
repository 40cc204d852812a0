"""Documents that come with a media request: checked by content, kept with the request, given only to who may see it."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from pressdesk.core.models import User, UserKind
from pressdesk.core.services import DomainError
from pressdesk.inquiries.models import Attachment, Inquiry
from tests.conftest import PASSWORD, verified_client
from tests.inquiries.requests import receive_request

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / "inquiries"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


receive = receive_request


def test_documents_of_the_allowed_kinds_are_kept_with_the_request(world, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        inquiry = receive(
            world,
            attachments=[
                ("смета.pdf", PDF),
                ("photo.PNG", PNG),
                ("письмо.docx", docx()),
                ("note.txt", "Текст".encode()),
            ],
        ).inquiry
    kept = {a.original_name: a for a in inquiry.attachments.all()}
    assert set(kept) == {"смета.pdf", "photo.PNG", "письмо.docx", "note.txt"}
    assert kept["смета.pdf"].content_type == "application/pdf" and kept["смета.pdf"].size == len(PDF)
    assert kept["письмо.docx"].content_type.endswith("wordprocessingml.document")
    assert all(a.from_journalist for a in kept.values())
    files = stored_files(settings)
    year = timezone.localtime(kept["note.txt"].uploaded_at).year  # Almaty's: on New Year's Eve UTC is a year behind
    assert len(files) == 4 and all(f.parent.name == str(year) for f in files)
    assert (Path(settings.MEDIA_ROOT) / kept["смета.pdf"].file.name).read_bytes() == PDF


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", b"MZ\x90\x00\x03\x00\x00\x00 this is a program"),  # a renamed executable
        ("photo.png", PDF),  # a PDF that calls itself a picture
        ("document.docx", b"PK\x03\x04 not really an archive"),
        ("setup.exe", PDF),
        ("empty.txt", b""),
    ],
)
def test_a_file_whose_content_is_not_an_allowed_kind_is_refused(world, settings, name, content):
    with pytest.raises(DomainError) as refused:
        receive(world, attachments=[(name, content)])
    assert name in str(refused.value)
    assert not Inquiry.objects.exists() and not Attachment.objects.exists()


def test_a_file_over_the_size_limit_is_refused(world, settings):
    settings.INQUIRY_ATTACHMENT_MAX_MB = 1
    with pytest.raises(DomainError, match="big.pdf"):
        receive(world, attachments=[("big.pdf", PDF + b"0" * 1024 * 1024)])
    assert not Inquiry.objects.exists()


def test_more_than_five_files_are_refused(world):
    with pytest.raises(DomainError, match="5"):
        receive(world, attachments=[(f"{n}.pdf", PDF + bytes([n])) for n in range(6)])
    assert not Inquiry.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_request_leaves_no_file_behind(world, settings):
    with pytest.raises(RuntimeError), transaction.atomic():
        receive(world, attachments=[("смета.pdf", PDF)])
        raise RuntimeError("the enclosing work failed")
    assert not Inquiry.objects.exists()
    assert stored_files(settings) == []
    receive(world, attachments=[("смета.pdf", PDF)])  # committed: now the file is written
    assert len(stored_files(settings)) == 1


def test_a_repeated_request_keeps_its_new_documents_and_each_file_once(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = receive(world, attachments=[("смета.pdf", PDF)]).inquiry
        again = receive(world, channel="portal", attachments=[("смета (1).pdf", PDF), ("схема.png", PNG)])
    assert again.duplicate and again.inquiry == first
    assert sorted(first.attachments.values_list("original_name", flat=True)) == ["смета.pdf", "схема.png"]
    assert "схема.png" in first.notes.get().text


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def portal_request(client, unit, files) -> object:
    return client.post(
        "/ru/portal/requests/new/",
        {
            "unit": unit.pk,
            "outlet_name": "Алматы ақшамы",
            "subject": "Транспорт",
            "question": "Сколько новых автобусов выйдет на линии?",
            "language": "ru",
            "answer_form": "written",
            "attachments": files,
        },
    )


def test_a_journalist_sends_documents_from_the_portal_and_downloads_them(
    world, journalist, settings, django_capture_on_commit_callbacks
):
    client = verified_client(journalist)
    form = client.get("/ru/portal/requests/new/").content.decode()
    assert 'enctype="multipart/form-data"' in form and "multiple" in form
    with django_capture_on_commit_callbacks(execute=True):
        response = portal_request(client, world.body, [upload("смета.pdf", PDF), upload("схема.png", PNG)])
    mine = Inquiry.objects.get(account=journalist)
    assert response.status_code == 302
    assert sorted(mine.attachments.values_list("original_name", flat=True)) == ["смета.pdf", "схема.png"]
    page = client.get(f"/ru/portal/requests/{mine.pk}/").content.decode()
    pdf = mine.attachments.get(original_name="смета.pdf")
    link = f"/ru/portal/requests/{mine.pk}/files/{pdf.pk}/"
    assert link in page
    download = client.get(link)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf" and "attachment" in download["Content-Disposition"]


def test_the_portal_says_which_file_is_refused_and_registers_nothing(world, journalist):
    client = verified_client(journalist)
    response = portal_request(client, world.body, [upload("смета.pdf", b"GIF89a not a pdf")])
    assert response.status_code == 200
    assert "смета.pdf" in " ".join(response.context["form"].errors["attachments"])
    assert not Inquiry.objects.exists()


def test_files_are_given_to_staff_who_see_the_request_and_to_the_journalist_who_sent_it(
    world, journalist, press_secretary, unit_press_secretary, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        inquiry = receive(world, account=journalist, attachments=[("смета.pdf", PDF)]).inquiry
    pdf = inquiry.attachments.get()
    staff_link = f"/en/inquiries/{inquiry.pk}/files/{pdf.pk}/"
    staff = verified_client(press_secretary)
    assert f'href="{staff_link}"' in staff.get(f"/en/inquiries/{inquiry.pk}/").content.decode()
    assert b"".join(staff.get(staff_link).streaming_content) == PDF
    assert verified_client(unit_press_secretary).get(staff_link).status_code == 404  # a district's press secretary
    assert verified_client(journalist).get(f"/ru/portal/requests/{inquiry.pk}/files/{pdf.pk}/").status_code == 200
    other = User.objects.create_user(
        "other@news.demo", PASSWORD, full_name="Другой Журналист", kind=UserKind.JOURNALIST
    )
    other_link = f"/ru/portal/requests/{inquiry.pk}/files/{pdf.pk}/"
    assert verified_client(other).get(other_link).status_code == 404
