"""Full-text search on whichever database DATABASE_URL names: the same answers from FTS5 and from PostgreSQL."""

from __future__ import annotations

import io
import random
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from pressdesk.core import search
from pressdesk.core.models import User

JOURNALIST = "test.journalist"
OUTLET = "test.outlet"
USER = "test.user"


class Boom(Exception):
    pass


def found(terms: str, kind: str = JOURNALIST, **options) -> list[int]:
    return search.ids(kind, terms.split(), **options)


def index_content() -> list[tuple[str, int, str]]:
    """Every indexed document; on SQLite also proves the FTS5 index agrees with the table it indexes."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # Raises "database disk image is malformed" if a trigger ever missed a change.
            cursor.execute("INSERT INTO pressdesk_search_fts (pressdesk_search_fts) VALUES ('integrity-check')")
        cursor.execute("SELECT kind, object_id, body FROM pressdesk_search ORDER BY kind, object_id")
        return [tuple(row) for row in cursor.fetchall()]


@pytest.fixture
def empty_index() -> Iterator[None]:
    """For tests that commit: Django's flush between them empties model tables only, not the index."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM pressdesk_search")
    yield
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM pressdesk_search")


@pytest.fixture
def indexers(monkeypatch) -> None:
    """A registry of our own, so that the apps' indexers stay out of these tests."""
    monkeypatch.setattr(search, "_indexers", {})


def user_rows() -> Iterator[tuple[int, str]]:
    for pk, name in User.objects.order_by("pk").values_list("pk", "full_name"):
        yield pk, name.lower()


def make_user(name: str, **extra) -> User:
    email = name.lower().replace(" ", ".") + "@media.kz"
    return User.objects.create_user(email, "x", full_name=name, **extra)


# Writing and finding


@pytest.mark.django_db
def test_it_finds_a_document_by_any_of_its_words():
    search.index(JOURNALIST, 7, "aigerim nurlanova almaty")

    assert found("aigerim") == found("nurlanova") == found("almaty") == [7]
    assert found("astana") == []


@pytest.mark.django_db
def test_a_second_index_replaces_the_document():
    search.index(JOURNALIST, 7, "aigerim nurlanova")
    search.index(JOURNALIST, 7, "aigerim seitkali")

    assert found("seitkali") == [7]
    assert found("nurlanova") == []
    assert index_content() == [(JOURNALIST, 7, "aigerim seitkali")]


@pytest.mark.django_db
def test_remove_takes_out_only_the_documents_named_and_ignores_unknown_ids():
    search.index_many(JOURNALIST, [(1, "aigerim"), (2, "aigerim"), (3, "aigerim")])

    search.remove(JOURNALIST, [1, 3, 99])

    assert found("aigerim") == [2]
    assert index_content() == [(JOURNALIST, 2, "aigerim")]


@pytest.mark.django_db
def test_clear_empties_one_kind_and_leaves_the_others():
    search.index_many(JOURNALIST, [(1, "kazinform"), (2, "kazinform")])
    search.index(OUTLET, 1, "kazinform")

    search.clear(JOURNALIST)

    assert found("kazinform") == []
    assert found("kazinform", kind=OUTLET) == [1]


@pytest.mark.django_db
def test_every_term_must_match():
    search.index_many(JOURNALIST, [(1, "aigerim nurlanova"), (2, "aigerim seitkali"), (3, "dana nurlanova")])

    assert found("aigerim nurlanova") == [1]
    assert found("nurlanova aigerim") == [1]
    assert found("aigerim") == [1, 2]
    assert found("aigerim dana") == []


@pytest.mark.django_db
def test_terms_match_the_start_of_words_unless_asked_for_whole_words():
    search.index_many(JOURNALIST, [(1, "nurlan"), (2, "nurlanova"), (3, "anurlan"), (4, "nur")])

    assert found("nurl") == [1, 2]
    assert found("nur") == [1, 2, 4]
    assert found("urlan") == []  # a prefix, never the middle of a word
    assert found("nurlan", prefix=False) == [1]
    assert found("nurl", prefix=False) == []


@pytest.mark.django_db
def test_kinds_do_not_see_each_other():
    search.index(JOURNALIST, 5, "khabar")
    search.index(OUTLET, 5, "khabar tv")
    search.index(OUTLET, 6, "tv")

    assert found("tv") == []
    assert found("tv", kind=OUTLET) == [5, 6]
    search.remove(OUTLET, [5])
    assert found("khabar") == [5]


@pytest.mark.django_db
def test_index_many_writes_in_batches_and_replaces_across_them():
    rows = [(n, f"word{n} common") for n in range(1, 2 * search.BATCH_SIZE + 2)]

    assert search.index_many(JOURNALIST, iter(rows)) == len(rows)
    assert search.index_many(JOURNALIST, ((n, f"other{n} common") for n in range(1, 1001))) == 1000

    assert len(found("common")) == len(rows)
    assert found("word5", prefix=False) == [] and found("other5", prefix=False) == [5]
    assert found("word2001") == [2001]
    assert found("common", limit=3) == [1, 2, 3]
    search.remove(JOURNALIST, range(2, len(rows) + 1))
    assert found("common") == [1]


@pytest.mark.django_db
def test_when_one_import_names_an_id_twice_the_last_body_wins():
    search.index_many(JOURNALIST, [(1, "first"), (2, "other"), (1, "second")])

    assert index_content() == [(JOURNALIST, 1, "second"), (JOURNALIST, 2, "other")]


@pytest.mark.django_db
def test_an_empty_body_is_indexed_and_matches_nothing():
    search.index(JOURNALIST, 1, "aigerim")
    search.index(JOURNALIST, 1, "")

    assert found("aigerim") == []
    assert index_content() == [(JOURNALIST, 1, "")]


@pytest.mark.django_db
def test_no_terms_match_nothing():
    search.index(JOURNALIST, 1, "aigerim")

    assert search.ids(JOURNALIST, []) == []
    assert not User.objects.filter(pk__in=search.matching(USER, []))


@pytest.mark.django_db
def test_words_too_long_for_postgresql_are_left_out_on_both_databases():
    longest = "a" * search.MAX_TOKEN_LENGTH
    too_long = "b" * (search.MAX_TOKEN_LENGTH + 1)
    search.index(JOURNALIST, 1, f"{longest} {too_long} short")

    assert found(longest, prefix=False) == [1]
    assert found("bbbb") == []
    assert found(f"{too_long} short") == []  # PostgreSQL alone would refuse the query
    assert found("short") == [1]


# The same answers on both databases


def tokenize_like_both_engines(body: str) -> set[str]:
    return set(body.split())


def test_both_engines_answer_like_the_definition(db):
    """Random documents and queries against a few lines of Python that say what matching means.

    The words include ones PostgreSQL's text parser reads as numbers or splits ("1e5",
    "1e5a", "0x1f") and words FTS5 treats as operators when written in capitals ("and", "near").
    """
    rng = random.Random(20261126)
    stems = ["nur", "nurl", "nurlan", "ai", "aig", "aigerim", "as", "ast", "astana", "1e5", "1e", "0x1f", "12abc"]
    stems += ["and", "or", "not", "near", "2024", "20", "kz24", "e10", "a"]
    documents = {
        object_id: " ".join(rng.choice(stems) + rng.choice(["", "", "a", "ova", "1"]) for _ in range(rng.randint(0, 6)))
        for object_id in range(1, 301)
    }
    search.index_many(JOURNALIST, documents.items())

    answered = 0
    for _ in range(150):
        terms = [rng.choice(stems) + rng.choice(["", "", "a"]) for _ in range(rng.randint(1, 3))]
        prefix = rng.random() < 0.6
        expected = sorted(
            object_id
            for object_id, body in documents.items()
            if all(
                any(word.startswith(term) if prefix else word == term for word in tokenize_like_both_engines(body))
                for term in terms
            )
        )
        assert search.ids(JOURNALIST, terms, prefix=prefix) == expected, (terms, prefix)
        answered += bool(expected)
    assert answered > 50  # most queries find something, so the comparison says something


def test_the_walk_and_the_word_index_answer_readings_like_the_definition(db):
    """``within`` (on SQLite each row's body read, not the word index) and ``matching_any`` (the word index)
    against the definition: every term of one of the readings starts a word (or is one)."""
    rng = random.Random(20261127)
    stems = ["nur", "nurlan", "ai", "aigerim", "1e5", "0x1f", "and", "near", "kz24", "a", "e10"]
    documents = {
        pk: " ".join(rng.choice(stems) + rng.choice(["", "", "a", "ova"]) for _ in range(rng.randint(0, 5)))
        for pk in range(1, 201)
    }
    User.objects.bulk_create(User(pk=pk, email=f"u{pk}@example.kz") for pk in documents)
    search.index_many(JOURNALIST, documents.items())

    def holds(body: str, terms: list[str], prefix: bool) -> bool:
        words = tokenize_like_both_engines(body)
        return all(any(word.startswith(term) if prefix else word == term for word in words) for term in terms)

    answered = 0
    for _ in range(60):
        readings = [
            [rng.choice(stems) + rng.choice(["", "a"]) for _ in range(rng.randint(1, 2))]
            for _ in range(rng.randint(1, 3))
        ]
        prefix = rng.random() < 0.6
        expected = sorted(pk for pk, body in documents.items() if any(holds(body, r, prefix) for r in readings))
        walked = search.within(User.objects.filter(pk__lte=200), JOURNALIST, readings, prefix=prefix)
        assert sorted(walked.values_list("pk", flat=True)) == expected, (readings, prefix)
        indexed = User.objects.filter(pk__in=search.matching_any(JOURNALIST, readings, prefix=prefix))
        assert sorted(indexed.values_list("pk", flat=True)) == expected, (readings, prefix)
        answered += bool(expected)
    assert answered > 20
    assert not search.within(User.objects.all(), JOURNALIST, [[]]).exists()


# What is refused


@pytest.mark.parametrize(
    "term",
    ['"', 'a"b', "nur*", "a:b", "a:*", "a&b", "a|b", "!a", "(a)", "a-b", "a'b", "NEAR", "AND", "Aigerim", "айгерім"]
    + ["ä", "", " ", "a b", "a\x00"],
)
@pytest.mark.django_db
def test_it_refuses_terms_that_are_not_analyzer_tokens(term):
    search.index(JOURNALIST, 1, "aigerim")

    with pytest.raises(ValueError, match="not a search term"):
        search.ids(JOURNALIST, ["aigerim", term])
    with pytest.raises(ValueError, match="not a search term"):
        search.matching(JOURNALIST, [term])


@pytest.mark.django_db
def test_it_refuses_a_query_string_where_a_list_of_terms_belongs():
    with pytest.raises(TypeError):
        search.matching(JOURNALIST, "aigerim nurlanova")


@pytest.mark.parametrize("body", ["Aigerim", "aigerim, nurlanova", "айгерім", "a\tb", "a\nb", "nur*", 'a"b', None])
@pytest.mark.django_db
def test_it_refuses_bodies_that_are_not_analyzer_output_and_writes_nothing(body):
    with pytest.raises(ValueError, match="search body"):
        search.index_many(JOURNALIST, [(1, "fine"), (2, body)])

    assert index_content() == []


@pytest.mark.parametrize("kind", ["", "Directory.journalist", "directory journalist", "x'; drop", "a" * 41, ".x", 5])
@pytest.mark.django_db
def test_it_refuses_malformed_kinds(kind):
    with pytest.raises(ValueError, match="search kind"):
        search.index(kind, 1, "aigerim")
    with pytest.raises(ValueError, match="search kind"):
        search.matching(kind, ["aigerim"])


@pytest.mark.parametrize("object_id", ["1", None, 1.0, True, 2**63])
@pytest.mark.django_db
def test_it_refuses_ids_that_are_not_integers(object_id):
    with pytest.raises(ValueError, match="object id"):
        search.index(JOURNALIST, object_id, "aigerim")


# Transactions


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_import_leaves_the_index_as_it_was(empty_index, indexers):
    search.index_many(JOURNALIST, [(1, "aigerim nurlanova"), (2, "dana seitkali")])
    search.index(OUTLET, 1, "kazinform")
    before = index_content()

    with pytest.raises(Boom), transaction.atomic():
        search.index_many(JOURNALIST, [(n, f"imported{n}") for n in range(3, 2503)])
        search.index(JOURNALIST, 1, "changed")
        search.remove(JOURNALIST, [2])
        search.clear(OUTLET)
        assert found("imported") != []  # the import sees its own writes
        raise Boom

    assert index_content() == before
    assert found("aigerim") == [1] and found("dana") == [2] and found("imported") == []
    assert found("kazinform", kind=OUTLET) == [1]


@pytest.mark.django_db
def test_a_rolled_back_savepoint_leaves_the_index_as_it_was():
    search.index_many(JOURNALIST, [(1, "aigerim"), (2, "dana")])

    with pytest.raises(Boom), transaction.atomic():
        search.index(JOURNALIST, 1, "changed")
        search.remove(JOURNALIST, [2])
        raise Boom

    assert index_content() == [(JOURNALIST, 1, "aigerim"), (JOURNALIST, 2, "dana")]
    assert found("aigerim") == [1] and found("dana") == [2]


# Composing with the ORM


@pytest.mark.django_db
def test_matching_combines_with_other_filters_in_one_query(django_assert_num_queries):
    aigerim = make_user("Aigerim Nurlanova")
    make_user("Aigerim Nurlanova Old", is_active=False)
    make_user("Dana Nurlanova")
    make_user("Aigerim Seitkali")
    search.index_many(USER, user_rows())

    with django_assert_num_queries(1):
        people = list(
            User.objects.filter(pk__in=search.matching(USER, ["nurl", "aig"]), is_active=True).order_by("pk")[:50]
        )
    assert people == [aigerim]
    assert User.objects.filter(pk__in=search.matching(USER, ["nurlanova"]), is_active=True).count() == 2
    assert not User.objects.filter(pk__in=search.matching(OUTLET, ["nurlanova"])).exists()


@pytest.mark.django_db
def test_the_word_index_answers_the_query_rather_than_a_walk_through_every_document():
    search.index_many(USER, ((n, f"name{n} aigerim{n % 7} nurlan{n % 11}") for n in range(1, 3001)))
    expression = search.matching(USER, ["aigerim3", "nurlan5"])
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {expression.sql}", expression.params)
            steps = [row[3] for row in cursor.fetchall()]
            # Left to itself SQLite would walk the kind's rows and run the whole MATCH for each one.
            assert steps[0].startswith("SCAN f VIRTUAL TABLE"), steps
        else:
            # A table this small is cheaper to read whole; what matters is that the GIN index can answer.
            cursor.execute("ANALYZE pressdesk_search")
            cursor.execute("SET LOCAL enable_seqscan = off")
            # With every row of one kind, the planner may as well walk the primary key by kind; set it aside
            # (the test's transaction is rolled back) so the plan shows whether the word index can answer.
            cursor.execute("ALTER TABLE pressdesk_search DROP CONSTRAINT IF EXISTS pressdesk_search_pkey")
            cursor.execute(f"EXPLAIN {expression.sql}", expression.params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert "Bitmap Index Scan on pressdesk_search_vector" in plan, plan


@pytest.mark.django_db
def test_postgresql_asks_its_word_index_for_the_rarest_term_and_checks_the_others_on_its_rows(monkeypatch):
    """GIN gathers every document of every word a prefix starts before combining terms; for a common term ANDed
    with a rare one, the rare one alone is asked of it (the planner's guesses say which) and the rest checked."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's statistics and GIN index")
    documents = {n: f"dorogi{n % 3} name{n}" + (" remonty" if n % 50 == 0 else "") for n in range(1, 501)}
    documents[7] = "remont zholy"  # the rare word without the common one
    search.index_many(JOURNALIST, documents.items())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE pressdesk_search")
    assert search.estimate(JOURNALIST, [["dorog"]]) > 10 * search.estimate(JOURNALIST, [["remont"]])
    expected = [n for n in documents if n % 50 == 0]

    def asked(readings: list[list[str]]) -> tuple[list[int], str]:
        with CaptureQueriesContext(connection) as captured:
            ids = sorted(pk for pk, _key in search.some_ordered(JOURNALIST, readings, limit=1000))
        (sql,) = [query["sql"] for query in captured.captured_queries if not query["sql"].startswith("EXPLAIN")]
        return ids, sql

    ids, sql = asked([["dorog", "remont"], ["dorok", "remont", "name"]])
    assert ids == expected
    index_part, checked = sql.split(" AND ts_match_vq(")
    assert "remont" in index_part and "dorog" not in index_part and "name" not in index_part, sql
    assert "dorog" in checked and "dorok" in checked
    assert search.ids(JOURNALIST, ["dorogi", "remont"]) == expected
    monkeypatch.setattr(search, "KEY_TERM_ROWS", 0)  # no term rare enough: the whole query asked of the index
    ids, sql = asked([["dorog", "remont"]])
    assert ids == expected and "ts_match_vq" not in sql


def test_the_guess_of_how_many_match_is_postgresqls_and_sqlites_count_up_to_a_cap(db):
    search.index_many(JOURNALIST, ((n, f"aigerim nurlan{n}") for n in range(1, 301)))
    search.index_many(USER, ((n, "aigerim") for n in range(1, 11)))  # another kind: SQLite counts it too
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    guess = search.estimate(JOURNALIST, [["aigerim"]])
    if connection.vendor == "sqlite":
        assert guess == 310 and search.estimate(JOURNALIST, [["aigerim"]], cap=100) == 100
        assert search.estimate(JOURNALIST, [["nurlan1"]], prefix=False) == 1
        assert search.estimate(JOURNALIST, [["nurlan1"]]) == 1 + 10 + 100  # nurlan1, nurlan10-19, nurlan100-199
        assert search.estimate(JOURNALIST, [["aigerim", "nurlan2"]], cap=1000) == 111
    else:
        assert 150 <= guess <= 600 and search.estimate(JOURNALIST, [["aigerim"]], prefix=False) <= 600
    assert search.estimate(JOURNALIST, [[]]) == 0 and search.estimate(JOURNALIST, [["zzz"]], cap=5) <= 5
    with pytest.raises(ValueError):
        search.estimate(JOURNALIST, [["NEAR"]])
    with pytest.raises(ValueError):
        search.estimate(JOURNALIST, [["aigerim"]], cap=-1)


@pytest.mark.django_db
def test_documents_carry_the_order_key_their_app_gives_and_ids_come_with_it(indexers):
    search.index_many(JOURNALIST, [(1, "aigerim", 30), (2, "aigerim nurlan", None), (3, "nurlan", 10)])
    search.index(JOURNALIST, 4, "aigerim", -(2**63))
    search.index_many(JOURNALIST, [(5, "aigerim")])
    assert sorted(search.some_ordered(JOURNALIST, [["aigerim"]], limit=10)) == [
        (1, 30),
        (2, None),
        (4, -(2**63)),
        (5, None),
    ]
    search.index(JOURNALIST, 1, "aigerim", 31)  # the same body, a new key: replaced
    search.index(JOURNALIST, 5, "aigerim", 7)
    assert sorted(search.some_ordered(JOURNALIST, [["aigerim"], ["nurlan"]], limit=10)) == [
        (1, 31),
        (2, None),
        (3, 10),
        (4, -(2**63)),
        (5, 7),
    ]
    assert len(search.some_ordered(JOURNALIST, [["aigerim"]], limit=2)) == 2
    assert search.some_ordered(JOURNALIST, [[]], limit=5) == []
    search.register_indexer(JOURNALIST, lambda: [(8, "aigerim", 80)])
    search.rebuild(JOURNALIST)
    assert search.some_ordered(JOURNALIST, [["aigerim"]], limit=10) == [(8, 80)]


@pytest.mark.parametrize(
    "row", [(1, "aigerim", "30"), (1, "aigerim", 2**63), (1, "aigerim", 3, 4), (1, "aigerim", True)]
)
@pytest.mark.django_db
def test_it_refuses_order_keys_that_are_not_64_bit_integers_and_writes_nothing(row):
    search.index(JOURNALIST, 1, "nurlan", 5)
    with pytest.raises(ValueError):
        search.index_many(JOURNALIST, [(2, "aigerim"), row])
    assert index_content() == [(JOURNALIST, 1, "nurlan")]


# Rebuilding


@pytest.mark.django_db
def test_rebuild_refills_a_kind_from_its_indexer(indexers):
    aigerim = make_user("Aigerim Nurlanova")
    search.register_indexer(USER, user_rows)
    search.index(USER, 999, "stale")
    search.index(OUTLET, 1, "kazinform")

    assert search.rebuild(USER) == {USER: 1}

    assert index_content() == [(OUTLET, 1, "kazinform"), (USER, aigerim.pk, "aigerim nurlanova")]


@pytest.mark.django_db
def test_rebuild_of_everything_drops_kinds_no_one_registers(indexers):
    aigerim = make_user("Aigerim Nurlanova")
    search.register_indexer(USER, user_rows)
    search.register_indexer(OUTLET, lambda: [(1, "kazinform")])
    search.index(JOURNALIST, 1, "left over from a module removed")

    assert search.rebuild() == {OUTLET: 1, USER: 1}

    assert index_content() == [(OUTLET, 1, "kazinform"), (USER, aigerim.pk, "aigerim nurlanova")]


@pytest.mark.django_db
def test_rebuild_is_all_or_nothing(indexers):
    search.index(USER, 1, "kept")

    def broken() -> Iterator[tuple[int, str]]:
        yield 2, "fine"
        yield 3, "Not Normalised"

    search.register_indexer(USER, broken)

    with pytest.raises(ValueError):
        search.rebuild()
    assert index_content() == [(USER, 1, "kept")]


@pytest.mark.django_db
def test_an_unknown_kind_cannot_be_rebuilt_and_a_kind_has_one_indexer(indexers):
    search.register_indexer(USER, user_rows)
    search.register_indexer(USER, user_rows)  # the same function again, as a reloaded app would

    with pytest.raises(ValueError, match="already has an indexer"):
        search.register_indexer(USER, lambda: [])
    with pytest.raises(ValueError, match="no indexer"):
        search.rebuild(OUTLET)


@pytest.mark.django_db
def test_the_reindex_command_rebuilds_what_it_is_told_and_says_how_much(indexers):
    make_user("Aigerim Nurlanova")
    make_user("Dana Seitkali")
    search.register_indexer(USER, user_rows)
    search.register_indexer(OUTLET, lambda: [(1, "kazinform"), (2, "khabar")])

    out = io.StringIO()
    call_command("reindex", stdout=out)
    assert out.getvalue() == "test.outlet: 2 documents indexed.\ntest.user: 2 documents indexed.\n"
    assert found("dana", kind=USER) != []

    out = io.StringIO()
    call_command("reindex", USER, stdout=out)
    assert out.getvalue() == "test.user: 2 documents indexed.\n"

    with pytest.raises(CommandError, match="no search kind test.nothing; the kinds are: test.outlet, test.user"):
        call_command("reindex", "test.nothing")


@pytest.mark.django_db
def test_the_reindex_command_says_when_nothing_is_registered(indexers):
    out = io.StringIO()
    call_command("reindex", stdout=out)
    assert "No kinds of document are registered" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_a_restore_rebuilds_the_index_from_the_restored_rows(empty_index, indexers, tmp_path):
    search.register_indexer(USER, user_rows)
    aigerim = make_user("Aigerim Nurlanova")
    search.rebuild()
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    dana = make_user("Dana Seitkali")
    search.index(USER, dana.pk, "dana seitkali")
    search.remove(USER, [aigerim.pk])

    call_command("restore", str(archive), "--yes", stdout=io.StringIO())

    assert index_content() == [(USER, aigerim.pk, "aigerim nurlanova")]


def test_ids_found_go_back_to_the_database_as_one_parameter(db, django_assert_num_queries):
    users = [make_user(f"Among {n}") for n in range(3)]
    wanted = [users[0].pk, users[2].pk, 10**12]
    with django_assert_num_queries(1) as captured:
        assert sorted(User.objects.filter(search.among(wanted)).values_list("pk", flat=True)) == wanted[:2]
    sql = captured.captured_queries[0]["sql"]
    assert "json_each" in sql or "= ANY(" in sql  # one array, not a parameter per id
    assert not User.objects.filter(search.among([])).exists()
    assert list(
        User.objects.filter(~search.among(wanted), pk__in=[u.pk for u in users]).values_list("pk", flat=True)
    ) == [users[1].pk]
    with pytest.raises(ValueError, match="not an object id"):
        search.among(["1; DROP TABLE x"])
