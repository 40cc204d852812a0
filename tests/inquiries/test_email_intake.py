"""Media requests by email: letters on disk become requests on the clock, once, with their documents."""

from __future__ import annotations

import datetime
import mailbox
from email.message import EmailMessage
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from pressdesk.inquiries.email_intake import guess_language
from pressdesk.inquiries.models import Inquiry
from tests.directory.conftest import Directory
from tests.inquiries.test_attachments import PDF

pytestmark = pytest.mark.django_db


def letter(
    *,
    sender="Ольга Ким <olga.kim@vecher.kz>",
    subject="Ремонт дорог",
    text="Когда закончится ремонт улицы Абая?",
    html=None,
    date="Fri, 20 Mar 2026 11:00:00 +0500",
    message_id="<1@vecher.kz>",
    files=(),
) -> bytes:
    message = EmailMessage()
    if sender:
        message["From"] = sender
    message["To"] = "press@almaty.gov.kz"
    message["Subject"] = subject
    message["Date"] = date
    if message_id:
        message["Message-ID"] = message_id
    if text is not None:
        message.set_content(text)
    if html is not None:
        if text is None:
            message.set_content(html, subtype="html")
        else:
            message.add_alternative(html, subtype="html")
    for name, content, maintype, subtype in files:
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    return bytes(message)


def write(folder: Path, name: str, raw: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(raw)
    return path


def import_mail(path: Path, capsys) -> str:
    call_command("inquiries", "import-mail", str(path), "--unit", "akimat")
    return capsys.readouterr().out


def test_a_russian_letter_with_a_pdf_becomes_a_request_in_russian_from_the_known_outlet(
    world, tmp_path, capsys, django_capture_on_commit_callbacks
):
    outlet = Directory(world).outlet("Вечерний Алматы", kind="newspaper")
    outlet.website = "https://www.vecher.kz/"
    outlet.save(update_fields=["website"])
    path = write(tmp_path, "request.eml", letter(files=[("смета.pdf", PDF, "application", "pdf")]))
    with django_capture_on_commit_callbacks(execute=True):
        out = import_mail(path, capsys)
    inquiry = Inquiry.objects.get()
    assert out.strip() == f"request.eml: {inquiry.number}"
    assert (inquiry.channel, inquiry.language, inquiry.answer_form) == ("email", "ru", "written")
    assert (inquiry.requester_name, inquiry.requester_email) == ("Ольга Ким", "olga.kim@vecher.kz")
    assert inquiry.outlet == outlet and inquiry.unit == world.body
    assert inquiry.received_at == datetime.datetime(2026, 3, 20, 6, 0, tzinfo=datetime.UTC)
    assert inquiry.due_on == datetime.date(2026, 4, 1)  # Nauryz in between, as for any other channel
    assert inquiry.message_id == "<1@vecher.kz>"
    pdf = inquiry.attachments.get()
    assert pdf.original_name == "смета.pdf" and pdf.content_type == "application/pdf"


def test_a_kazakh_letter_is_answered_in_kazakh_and_an_unknown_outlet_is_flagged(world, tmp_path, capsys):
    path = write(
        tmp_path,
        "kk.eml",
        letter(
            sender="Ерлан Сәрсенов <erlan@gmail.com>",
            subject="Жол жөндеу",
            text="Сәлеметсіз бе! Абай даңғылындағы жөндеу жұмыстары қашан аяқталады?",
            message_id="<kk@gmail.com>",
        ),
    )
    import_mail(path, capsys)
    inquiry = Inquiry.objects.get()
    assert inquiry.language == "kk" and inquiry.outlet is None
    assert "gmail.com" in " ".join(inquiry.notes.values_list("text", flat=True))


def test_an_html_only_letter_is_read_as_text(world, tmp_path, capsys):
    markup = (
        "<html><head><style>p{}</style></head><body><p>Сколько автобусов&nbsp;выйдет?</p><p>Спасибо</p></body></html>"
    )
    import_mail(write(tmp_path, "html.eml", letter(text=None, html=markup, message_id="<h@x.kz>")), capsys)
    inquiry = Inquiry.objects.get()
    assert inquiry.question == "Сколько автобусов выйдет?\n\nСпасибо" or inquiry.question.split() == [
        "Сколько",
        "автобусов",
        "выйдет?",
        "Спасибо",
    ]
    assert "<p>" not in inquiry.question and inquiry.language == "ru"


def test_a_folder_with_a_broken_letter_imports_the_others_and_exits_with_one(world, tmp_path, capsys):
    folder = tmp_path / "inbox"
    write(folder, "1.eml", letter(message_id="<a@x.kz>"))
    write(folder, "2.eml", letter(sender=None, message_id="<b@x.kz>", subject="Другое"))
    write(folder, "3.eml", letter(text="   ", message_id="<c@x.kz>", subject="Пусто"))
    write(folder, "4.eml", letter(subject="Автобусы", text="Сколько новых автобусов?", message_id="<d@x.kz>"))
    with pytest.raises(CommandError) as failed:
        import_mail(folder, capsys)
    assert failed.value.returncode == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == ["1.eml", "2.eml", "3.eml", "4.eml"]
    assert "skipped" in lines[1] and "skipped" in lines[2]
    assert Inquiry.objects.count() == 2


def test_importing_the_same_letters_again_creates_nothing(world, tmp_path, capsys):
    folder = tmp_path / "inbox"
    write(folder, "1.eml", letter(message_id="<a@x.kz>"))
    write(folder, "2.eml", letter(message_id="<again@x.kz>", date="Sat, 21 Mar 2026 09:00:00 +0500"))  # sent twice
    write(folder, "3.eml", letter(subject="Автобусы", text="Сколько новых автобусов?", message_id="<d@x.kz>"))
    first = import_mail(folder, capsys)
    assert "repeats" in first.splitlines()[1]
    counts = (Inquiry.objects.count(), Inquiry.objects.get(subject="Ремонт дорог").notes.count())
    again = import_mail(folder, capsys)
    assert (
        (Inquiry.objects.count(), Inquiry.objects.get(subject="Ремонт дорог").notes.count()) == counts == (2, 2)
    )  # the unknown outlet and the repeat
    assert all("already received" in line for line in again.splitlines())


def test_a_maildir_and_an_mbox_are_read(world, tmp_path, capsys):
    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    box.add(letter(message_id="<m1@x.kz>"))
    mbox = mailbox.mbox(tmp_path / "archive.mbox", create=True)
    mbox.add(letter(subject="Автобусы", text="Сколько новых автобусов?", message_id="<m2@x.kz>"))
    mbox.flush()
    import_mail(tmp_path / "Maildir", capsys)
    import_mail(tmp_path / "archive.mbox", capsys)
    assert Inquiry.objects.count() == 2


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Қайырлы күн! Жөндеу қашан бітеді?", "kk"),
        ("Добрый день! Когда закончится ремонт на проспекте Назарбаева, который ведёт ТОО «Құрылыс»?", "ru"),
        ("Good afternoon, when will the repairs end?", "en"),
    ],
)
def test_the_language_is_read_from_the_text(text, language):
    assert guess_language(text) == language


def test_a_letter_without_a_message_id_is_known_by_its_bytes(world, tmp_path, capsys):
    folder = tmp_path / "inbox"
    write(folder, "1.eml", letter(message_id=""))
    import_mail(folder, capsys)
    notes = Inquiry.objects.get().notes.count()
    again = import_mail(folder, capsys)
    assert Inquiry.objects.count() == 1 and Inquiry.objects.get().notes.count() == notes
    assert "already received" in again
