"""The media library: files judged by content, images kept clean, texts required, files given only to who may see them."""

from __future__ import annotations

import datetime
import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from PIL import ExifTags, Image, PngImagePlugin

from pressdesk.core.models import AuditEntry, Role
from pressdesk.publications import media, services
from pressdesk.publications.media import Refused
from pressdesk.publications.models import Material, MediaAlt, MediaAsset, MediaSection
from tests.conftest import verified_client

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="5"/></svg>'
TEXTS = {"kk": ("Әкім жаңа мектепті ашып жатыр", ""), "ru": ("Аким открывает новую школу", "Фото: пресс-служба")}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def encoded(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def camera_jpeg() -> bytes:
    """A phone photo: taken sideways (orientation 6), with the camera, a place and a comment, and a payload after it."""
    exif = Image.Exif()
    exif[ExifTags.Base.Model] = "Secret Camera"
    exif[ExifTags.Base.Orientation] = 6
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (43.0, 15.0, 0.0)
    image = Image.new("RGB", (800, 600), (200, 30, 30))
    return encoded(image, "JPEG", exif=exif, comment=b"secret comment") + b"<script>alert(1)</script>"


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def png_header(width: int, height: int) -> bytes:
    """A tiny file announcing a gigantic picture: what a decompression bomb looks like to the first bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 1000))
        + chunk(b"IEND", b"")
    )


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def upload(desk, name: str, content: bytes, *, texts=TEXTS, unit=None, actor=None, **options) -> MediaAsset:
    return media.upload(
        actor=actor or desk.officer,
        unit=unit or desk.world.body,
        uploaded_file=SimpleUploadedFile(name, content, content_type="image/jpeg"),
        section=options.pop("section", MediaSection.LIBRARY),
        alts=texts,
        **options,
    )


@pytest.fixture
def stored(desk, django_capture_on_commit_callbacks):
    """Upload and run the commit hooks, as a request outside a test transaction would."""

    def store(name: str, content: bytes, **options) -> MediaAsset:
        with django_capture_on_commit_callbacks(execute=True):
            asset = upload(desk, name, content, **options)
        return asset

    return store


def read_stored(asset: MediaAsset, field: str = "file") -> bytes:
    with getattr(asset, field).open("rb") as handle:
        return handle.read()


# What is kept --------------------------------------------------------------------------------------------------


def test_a_photo_is_kept_upright_without_exif_gps_comment_or_payload_and_with_a_thumbnail(desk, stored):
    asset = stored("IMG_0042.JPG", camera_jpeg())
    content = read_stored(asset)
    picture = Image.open(io.BytesIO(content))
    assert picture.format == "JPEG" and (picture.width, picture.height) == (600, 800)  # turned upright
    assert not picture.getexif() and "exif" not in picture.info and "comment" not in picture.info
    assert b"Secret Camera" not in content and b"<script>" not in content and b"Exif" not in content
    assert (asset.width, asset.height, asset.content_type) == (600, 800, "image/jpeg")
    assert asset.size == len(content) and asset.original_name == "IMG_0042.JPG"
    assert asset.file.name.startswith("library/") and "IMG_0042" not in asset.file.name
    thumbnail = Image.open(io.BytesIO(read_stored(asset, "thumbnail")))
    assert max(thumbnail.size) == 480 and not thumbnail.getexif()
    texts = {row.language: (row.alt, row.caption) for row in asset.translations.all()}
    assert texts == TEXTS
    entry = AuditEntry.objects.get(action="publications.media.uploaded")
    assert entry.actor == desk.officer and entry.target_id == str(asset.pk) and entry.after["sha256"] == asset.sha256


def test_a_png_loses_its_text_chunks_and_keeps_its_transparency(stored):
    metadata = PngImagePlugin.PngInfo()
    metadata.add_text("Author", "Someone's home address")
    image = Image.new("RGBA", (300, 200), (0, 120, 200, 128))
    asset = stored("diagram.png", encoded(image, "PNG", pnginfo=metadata))
    picture = Image.open(io.BytesIO(read_stored(asset)))
    assert picture.format == "PNG" and picture.mode == "RGBA" and not picture.text
    assert picture.getpixel((5, 5)) == (0, 120, 200, 128)


def test_an_animated_gif_is_kept_as_its_first_frame_in_png(stored):
    frames = [Image.new("P", (64, 64), colour) for colour in (1, 2)]
    content = encoded(frames[0], "GIF", save_all=True, append_images=frames[1:])
    asset = stored("banner.gif", content)
    assert asset.content_type == "image/png" and asset.original_name == "banner.png"
    assert Image.open(io.BytesIO(read_stored(asset))).format == "PNG"


def test_a_webp_photo_is_accepted(stored):
    asset = stored("photo.webp", encoded(Image.new("RGB", (100, 50)), "WEBP"))
    assert asset.content_type == "image/webp" and (asset.width, asset.height) == (100, 50)


def test_documents_are_kept_as_they_came_under_the_name_their_content_calls_for(stored):
    pdf = stored("scan.jpg", PDF)
    content = docx()
    word = stored("Есеп.docx", content, texts={"kk": ("Жылдық есеп", "")})
    assert (pdf.content_type, pdf.original_name, read_stored(pdf)) == ("application/pdf", "scan.pdf", PDF)
    assert word.content_type.endswith("wordprocessingml.document") and word.original_name == "Есеп.docx"
    assert read_stored(word) == content
    assert not pdf.thumbnail and pdf.width is None


# What is refused, and that nothing stays ---------------------------------------------------------------------


def assert_nothing_kept(settings) -> None:
    assert not MediaAsset.objects.exists() and not MediaAlt.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="publications.media").exists()
    assert stored_files(settings) == []


def truncated_jpeg() -> bytes:
    content = encoded(Image.effect_noise((400, 300), 64).convert("RGB"), "JPEG")
    return content[: len(content) // 2]


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("photo.jpg", HTML, "is an HTML page"),
        ("logo.png", SVG, "is an SVG drawing"),
        ("photo.jpg", truncated_jpeg(), "looks like a JPEG image but cannot be read"),
        ("report.pdf", b"MZ\x90\x00\x03\x00\x00\x00 a program", "is a program"),
        ("archive.docx", b"PK\x03\x04 not an archive at all", "is a ZIP archive"),
        ("nothing.txt", b"", "is empty"),
    ],
)
def test_a_file_that_is_not_a_photo_or_document_is_refused_saying_what_it_is(
    desk, settings, django_capture_on_commit_callbacks, name, content, says
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Refused) as refused:
        upload(desk, name, content)
    assert f"“{name}” {says}" in str(refused.value) and refused.value.field == "file"
    assert_nothing_kept(settings)


def test_a_file_over_the_size_limit_is_refused(desk, settings, django_capture_on_commit_callbacks):
    settings.MEDIA_UPLOAD_MAX_MB = 1
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Refused) as refused:
        upload(desk, "big.pdf", PDF + b"0" * 1024 * 1024)
    assert "a file may be at most 1.0\xa0MB" in str(refused.value)
    assert_nothing_kept(settings)


def test_a_picture_with_more_pixels_than_allowed_is_refused_before_it_is_decoded(desk, settings):
    settings.MEDIA_IMAGE_MAX_PIXELS = 1_000_000
    with pytest.raises(Refused) as refused:
        upload(desk, "wide.png", encoded(Image.new("1", (2000, 1000)), "PNG"))
    assert "too large a picture: at most 1 megapixels" in str(refused.value)
    with pytest.raises(Refused) as refused:
        upload(desk, "bomb.png", png_header(50_000, 50_000))  # beyond Pillow's own limit as well
    assert "too large a picture" in str(refused.value)
    assert_nothing_kept(settings)


def test_a_photo_without_a_kazakh_text_alternative_is_refused(desk, settings):
    with pytest.raises(Refused) as refused:
        upload(desk, "photo.jpg", camera_jpeg(), texts={"ru": ("Аким", ""), "en": ("The akim", "")})
    assert refused.value.field == "alt_kk" and "what the picture shows" in str(refused.value)
    with pytest.raises(Refused) as refused:
        upload(desk, "report.pdf", PDF, texts={"kk": ("  ", "Қолтаңба")})
    assert refused.value.field == "alt_kk" and "needs a text alternative" in str(refused.value)
    with pytest.raises(Refused) as refused:
        upload(desk, "report.pdf", PDF, texts={"ru": ("Отчёт", "")})
    assert "Give the document a title in Kazakh" in str(refused.value)
    assert_nothing_kept(settings)


def test_only_a_brand_asset_may_be_public(desk, settings):
    with pytest.raises(Refused) as refused:
        upload(desk, "photo.jpg", camera_jpeg(), is_public=True)
    assert refused.value.field == "is_public"
    assert_nothing_kept(settings)


def test_a_rolled_back_upload_leaves_no_file(desk, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        with transaction.atomic():
            upload(desk, "photo.jpg", camera_jpeg())
            raise RuntimeError("the enclosing work failed")
    assert_nothing_kept(settings)


def test_a_storage_that_cannot_be_written_leaves_no_row(desk, settings, tmp_path, django_capture_on_commit_callbacks):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = blocker
    with django_capture_on_commit_callbacks(execute=True):
        upload(desk, "photo.jpg", camera_jpeg())
    assert not MediaAsset.objects.exists() and not MediaAlt.objects.exists()
    assert AuditEntry.objects.filter(action="publications.media.removed", actor=None).exists()


def test_someone_who_may_not_write_in_the_unit_cannot_upload(desk, settings):
    with pytest.raises(Refused):
        upload(desk, "photo.jpg", camera_jpeg(), actor=desk.head)
    assert_nothing_kept(settings)


# Texts and removal ---------------------------------------------------------------------------------------------


def test_texts_are_replaced_and_audited(desk, stored):
    asset = stored("photo.jpg", camera_jpeg())
    media.describe(actor=desk.secretary, asset=asset, alts={"kk": ("Мектеп ғимараты", "Жаңа"), "ru": ("", "")})
    assert {row.language: row.alt for row in asset.translations.all()} == {"kk": "Мектеп ғимараты"}
    entry = AuditEntry.objects.get(action="publications.media.described")
    assert entry.before["texts"]["ru"] == list(TEXTS["ru"]) and "ru" not in entry.after["texts"]
    with pytest.raises(Refused):
        media.describe(actor=desk.secretary, asset=asset, alts={"kk": ("", "")})
    media.describe(actor=desk.secretary, asset=asset, alts={"kk": ("Мектеп ғимараты", "Жаңа")})
    assert AuditEntry.objects.filter(action="publications.media.described").count() == 1  # nothing changed


def test_a_file_in_use_cannot_be_removed_and_a_free_one_is_deleted_with_its_thumbnail(
    desk, settings, stored, django_capture_on_commit_callbacks
):
    asset = stored("photo.jpg", camera_jpeg())
    material = desk.draft()
    services.update_details(
        actor=desk.officer, material=material, kind=material.kind, topics=[], spokesperson=None, lead_image=asset
    )
    with pytest.raises(Refused) as refused:
        media.remove(actor=desk.secretary, asset=asset)
    assert "used by 1 material" in str(refused.value) and material.title in str(refused.value)
    assert len(stored_files(settings)) == 2
    services.update_details(actor=desk.officer, material=material, kind=material.kind, topics=[], spokesperson=None)
    with django_capture_on_commit_callbacks(execute=True):
        media.remove(actor=desk.secretary, asset=asset)
    assert not MediaAsset.objects.exists() and stored_files(settings) == []
    assert AuditEntry.objects.get(action="publications.media.removed").before["original_name"] == "photo.jpg"


# Files at /files/ ----------------------------------------------------------------------------------------------


def attach(desk, material: Material, *assets: MediaAsset) -> None:
    services.update_details(
        actor=desk.officer, material=material, kind=material.kind, topics=[], spokesperson=None, attachments=assets
    )


def carrying(desk, *assets: MediaAsset):
    """The desk, whose next materials carry these files (attached while drafts, as the editor does)."""
    draft = desk.draft

    def draft_with_files(*args, **kwargs) -> Material:
        material = draft(*args, **kwargs)
        attach(desk, material, *assets)
        return material

    desk.draft = draft_with_files
    return desk


def test_a_photo_of_an_embargoed_material_is_not_found_until_the_material_is_public(desk, stored, client):
    photo = stored("photo.jpg", camera_jpeg())
    material = carrying(desk, photo).scheduled(timezone.now() + datetime.timedelta(hours=1), embargo=True)
    assert client.get(f"/files/{photo.pk}/").status_code == 404
    assert client.get(f"/files/{photo.pk}/thumb/").status_code == 404
    # The hour comes: the material is public by its time, before the robot has even run.
    past = timezone.now() - datetime.timedelta(minutes=1)
    Material.objects.filter(pk=material.pk).update(publish_at=past, embargo_until=past)
    response = client.get(reverse("media_file", args=[photo.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == read_stored(photo)
    assert response["Content-Type"] == "image/jpeg" and response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"].startswith("public, max-age=")
    assert response["Content-Disposition"].startswith("inline")
    assert client.get(reverse("media_thumb", args=[photo.pk])).status_code == 200


def test_a_file_not_public_is_for_staff_who_see_its_unit_and_not_found_for_everyone_else(
    desk, stored, client, journalist
):
    world = desk.world
    almaly = world.person("timur", Role.UNIT_PRESS_SECRETARY, world.almaly)
    medeu = world.person("aliya", Role.UNIT_PRESS_SECRETARY, world.medeu)
    document = stored("Есеп 2024.pdf", PDF, unit=world.almaly, actor=almaly)
    url = reverse("media_file", args=[document.pk])
    for who in (almaly, desk.secretary):
        response = verified_client(who).get(url)
        assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == "attachment; filename*=utf-8''%D0%95%D1%81%D0%B5%D0%BF%202024.pdf"
    client.force_login(journalist)
    for outsider in (verified_client(medeu), client):
        assert outsider.get(url).status_code == 404
    assert verified_client(medeu).get(reverse("publications:media_detail", args=[document.pk])).status_code == 404
    assert client.get(reverse("media_thumb", args=[document.pk])).status_code == 404


def test_a_public_brand_asset_is_for_anyone(stored, client):
    logo = stored("logo.png", encoded(Image.new("RGB", (64, 64)), "PNG"), section=MediaSection.BRAND, is_public=True)
    response = client.get(reverse("media_file", args=[logo.pk]))
    assert response.status_code == 200 and response["Cache-Control"].startswith("public")
    assert client.get(reverse("media_file", args=[logo.pk + 1])).status_code == 404


# Pages ---------------------------------------------------------------------------------------------------------


def test_the_library_urls_live_in_the_publications_namespace():
    assert reverse("publications:media_list") == "/en/materials/media/"
    assert reverse("publications:media_detail", args=[3]) == "/en/materials/media/3/"
    assert reverse("media_thumb", args=[3]) == "/files/3/thumb/"


def form_data(**changes) -> dict:
    data = {"section": "library", "alt_kk": "Мектеп", "caption_kk": "", "alt_ru": "Школа", "alt_en": "", "unit": ""}
    return {**data, **changes}


def test_an_officer_uploads_through_the_page_and_a_bad_file_keeps_the_texts(
    desk, settings, django_capture_on_commit_callbacks
):
    browser = verified_client(desk.officer)
    page = browser.get(reverse("publications:media_upload"))
    assert page.status_code == 200
    data = form_data(unit=desk.world.body.pk)
    refused = browser.post(page.wsgi_request.path, {**data, "file": SimpleUploadedFile("photo.jpg", HTML)})
    assert refused.status_code == 200 and "is an HTML page" in refused.content.decode()
    assert 'value="Мектеп"' in refused.content.decode() and not MediaAsset.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        done = browser.post(
            page.wsgi_request.path, {**data, "file": SimpleUploadedFile("photo.jpg", camera_jpeg())}, follow=True
        )
    asset = MediaAsset.objects.get()
    assert done.redirect_chain[-1][0] == reverse("publications:media_detail", args=[asset.pk])
    assert "Мектеп" in done.content.decode() and len(stored_files(settings)) == 2


def test_the_head_sees_the_library_but_may_not_upload(desk):
    browser = verified_client(desk.head)
    assert browser.get(reverse("publications:media_list")).status_code == 200
    assert browser.get(reverse("publications:media_upload")).status_code == 403


def test_the_list_filters_and_its_queries_do_not_grow_with_the_files(desk, stored, django_assert_max_num_queries):
    browser = verified_client(desk.secretary)
    stored("logo.png", encoded(Image.new("RGB", (64, 64)), "PNG"), section=MediaSection.BRAND)
    stored("report.pdf", PDF)
    with django_assert_max_num_queries(12) as few:
        browser.get(reverse("publications:media_list"))
    for n in range(4):
        stored(f"photo{n}.jpg", camera_jpeg(), unit=desk.world.almaly)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = browser.get(reverse("publications:media_list")).content.decode()
    assert page.count("/thumb/") == 5
    photos = browser.get(reverse("publications:media_list"), {"kind": "photo", "unit": desk.world.almaly.pk})
    assert photos.content.decode().count("/thumb/") == 4 and "report.pdf" not in photos.content.decode()
    brand = browser.get(reverse("publications:media_list"), {"section": "brand"}).content.decode()
    assert "logo.png" in brand and "photo0.jpg" not in brand


def test_the_detail_page_shows_where_the_file_is_used_and_saves_texts(desk, stored):
    asset = stored("photo.jpg", camera_jpeg())
    material = desk.draft()
    attach(desk, material, asset)
    browser = verified_client(desk.secretary)
    url = reverse("publications:media_detail", args=[asset.pk])
    page = browser.get(url).content.decode()
    assert reverse("publications:detail", args=[material.pk]) in page and "600 × 800" in page
    response = browser.post(url, form_data(alt_kk="Жаңа мәтін"))
    assert response.status_code == 302 and asset.translations.get(language="kk").alt == "Жаңа мәтін"
    refused = browser.post(reverse("publications:media_remove", args=[asset.pk]), follow=True)
    assert "Take it out of the material first" in refused.content.decode() and MediaAsset.objects.exists()
    assert verified_client(desk.head).post(url, form_data()).status_code == 403


def test_a_truncated_photo_is_refused_even_after_weasyprint_has_relaxed_pillow():
    """WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES when imported; the library must stay strict."""
    import weasyprint  # noqa: F401
    from PIL import ImageFile

    from pressdesk.core.files import JPEG
    from pressdesk.publications import media

    ImageFile.LOAD_TRUNCATED_IMAGES = True
    with translation.override("en"), pytest.raises(media.Refused, match="cannot be read"):
        media.prepare_image("photo.jpg", JPEG, truncated_jpeg())
