"""`pressdesk monitor match`: the contract other tools rely on, through call_command and a real process."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from pressdesk.monitoring.matching import Watchlist, analyse
from pressdesk.monitoring.watchlist import parse

WATCHLIST = [
    {
        "id": "akimat",
        "kind": "organisation",
        "names": ["Алматы қаласының әкімдігі", "акимат Алматы"],
        "exclude": ["Алматы облысы"],
    },
    {"id": 7, "kind": "official", "names": ["Ерлан Сапаров"], "initials": True},
    {"id": "air", "kind": "topic", "names": ["ауа сапасы", "качество воздуха", "air quality"]},
]
ITEMS = [
    {"id": "a1", "text": "Алматы қаласы әкімдігінің хабарлауынша, Медеу ауданында жаңа мектеп ашылды."},
    {
        "id": 2,
        "title": "ДТП в Алматы",
        "text": "Аким Алматы Е. Сапаров прокомментировал аварию.",
        "url": "https://x.kz/2",
    },
    {"id": "a3", "text": "Almaty oblysynyñ äkımdıgı jaña jol saldy."},
    {"id": "a4", "text": "Air quality in Almaty got worse: residents complain about smog."},
    {"id": "a5", "text": "", "title": None},
]
EXPECTED = [
    {"id": "a1", "language": "kk", "matches": ["akimat"], "tone": "positive"},
    {"id": 2, "language": "ru", "matches": [7], "tone": "negative"},
    {"id": "a3", "language": "kk", "matches": [], "tone": "neutral"},
    {"id": "a4", "language": "en", "matches": ["air"], "tone": "negative"},
    {"id": "a5", "language": "other", "matches": [], "tone": "neutral"},
]


@pytest.fixture
def files(tmp_path):
    watchlist = tmp_path / "watchlist.json"
    watchlist.write_text(json.dumps(WATCHLIST, ensure_ascii=False), encoding="utf-8")
    source = tmp_path / "items.jsonl"
    lines = [json.dumps(item, ensure_ascii=False) for item in ITEMS]
    source.write_text("\n".join([lines[0], "", *lines[1:]]) + "\n", encoding="utf-8")  # a blank line is skipped
    return watchlist, source, tmp_path / "out.jsonl"


def run(watchlist: Path, source: Path, target: Path) -> str:
    out = io.StringIO()
    call_command(
        "monitor", "match", "--watchlist", str(watchlist), "--input", str(source), "--output", str(target), stdout=out
    )
    return out.getvalue()


def read(target: Path) -> list[dict]:
    return [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]


def test_each_item_gets_its_language_matches_and_tone_in_order(files):
    watchlist, source, target = files
    report = run(watchlist, source, target)
    assert read(target) == EXPECTED
    assert "5 items read, 3 with a match" in report


def test_the_command_gives_what_the_server_engine_gives(files):
    watchlist, source, target = files
    run(watchlist, source, target)
    engine = Watchlist(parse(WATCHLIST))
    for item, line in zip(ITEMS, read(target), strict=True):
        analysis = analyse(item["text"], engine, title=item.get("title") or "")
        assert line == {
            "id": item["id"],
            "language": analysis.language,
            "matches": list(analysis.matches),
            "tone": analysis.tone.label,
        }


def test_a_byte_order_mark_and_a_missing_last_newline_are_fine(files):
    watchlist, source, target = files
    source.write_bytes(b"\xef\xbb\xbf" + json.dumps(ITEMS[0], ensure_ascii=False).encode())
    run(watchlist, source, target)
    assert read(target) == EXPECTED[:1]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "line 2: not JSON"),
        ('["a", "list"]', "line 2: not a JSON object"),
        ('{"text": "Алматы"}', 'line 2: no "id"'),
        ('{"id": "x"}', 'line 2: no "text"'),
        ('{"id": "x", "text": 5}', 'line 2: no "text"'),
        ('{"id": "x", "text": "Алматы", "title": 5}', 'line 2: "title" and "url" must be strings'),
    ],
)
def test_a_bad_line_is_named_and_leaves_no_output(files, line, message):
    watchlist, source, target = files
    source.write_text(json.dumps(ITEMS[0], ensure_ascii=False) + "\n" + line + "\n", encoding="utf-8")
    target.write_text("the previous run's output\n", encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run(watchlist, source, target)
    assert target.read_text(encoding="utf-8") == "the previous run's output\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["items.jsonl", "out.jsonl", "watchlist.json"]


def test_text_that_is_not_utf8_is_named(files):
    watchlist, source, target = files
    source.write_bytes(json.dumps(ITEMS[0]).encode() + b"\n" + '{"id": 1, "text": "Алматы"}'.encode("cp1251") + b"\n")
    with pytest.raises(CommandError, match="line 2: not UTF-8"):
        run(watchlist, source, target)
    assert not target.exists()


@pytest.mark.parametrize(
    ("watchlist", "message"),
    [
        ({"id": "a"}, "must be a JSON list"),
        ([{"id": "a", "kind": "topic"}], r'entry 1 \("a"\) has no names'),
        ([{"id": "a", "kind": "topic", "names": []}], r'entry 1 \("a"\) has no names'),
        ([{"id": "a", "kind": "person", "names": ["Ерлан"]}], r'entry 1 \("a"\): the kind must be one of'),
        ([{"kind": "topic", "names": ["Ерлан"]}], "entry 1 has no id"),
        ([WATCHLIST[0], {**WATCHLIST[0]}], 'entry 2: the id "akimat" is used twice'),
        ([{"id": "a", "kind": "topic", "names": ["көлік"], "exlude": ["x"]}], 'unknown key "exlude"'),
        ([{"id": "a", "kind": "topic", "names": ["облысы"]}], "has no word to look for"),
    ],
)
def test_a_bad_watchlist_is_named_and_nothing_is_written(files, watchlist, message):
    path, source, target = files
    path.write_text(json.dumps(watchlist, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run(path, source, target)
    assert not target.exists()


def test_missing_files_are_named(files, tmp_path):
    watchlist, source, target = files
    with pytest.raises(CommandError, match="nowhere.json cannot be read"):
        run(tmp_path / "nowhere.json", source, target)
    with pytest.raises(CommandError, match="nowhere.jsonl cannot be read"):
        run(watchlist, tmp_path / "nowhere.jsonl", target)
    with pytest.raises(CommandError, match="cannot be written"):
        run(watchlist, source, tmp_path / "no" / "such" / "dir" / "out.jsonl")


# A real process, as other tools run it -------------------------------------------------------------------------------


def pressdesk(*args: str) -> subprocess.CompletedProcess:
    """The real console command, its messages in English (``--language en``) for the assertions to read."""
    command = Path(sys.executable).with_name("pressdesk")
    return subprocess.run([str(command), *args, "--language", "en"], capture_output=True, text=True, timeout=120)


def test_the_console_command_writes_the_output_file(files):
    watchlist, source, target = files
    done = pressdesk("monitor", "match", "--watchlist", str(watchlist), "--input", str(source), "--output", str(target))
    assert done.returncode == 0, done.stderr
    assert read(target) == EXPECTED


def test_the_console_command_fails_on_a_bad_line_with_its_number_and_no_file(files):
    watchlist, source, target = files
    source.write_text("\n".join(json.dumps(item, ensure_ascii=False) for item in ITEMS) + "\n{oops\n", encoding="utf-8")
    done = pressdesk("monitor", "match", "--watchlist", str(watchlist), "--input", str(source), "--output", str(target))
    assert done.returncode != 0
    assert "line 6: not JSON" in done.stderr
    assert not target.exists()
    assert sorted(p.name for p in target.parent.iterdir()) == ["items.jsonl", "watchlist.json"]


def test_the_console_command_refuses_a_watchlist_entry_without_names(files):
    watchlist, source, target = files
    watchlist.write_text('[{"id": "x", "kind": "topic"}]', encoding="utf-8")
    done = pressdesk("monitor", "match", "--watchlist", str(watchlist), "--input", str(source), "--output", str(target))
    assert done.returncode != 0
    assert 'entry 1 ("x") has no names' in done.stderr
    assert not target.exists()

