"""One address per article: the forms one article reaches us under give one key; different articles do not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pressdesk.monitoring.canonical import MAX_LENGTH, NotAnArticleAddress, canonical_url, host_of

ARTICLE = "https://qala24.kz/news/2025/01/akim-vstretilsya"


@pytest.mark.parametrize(
    "variant",
    [
        "http://qala24.kz/news/2025/01/akim-vstretilsya",
        "https://www.qala24.kz/news/2025/01/akim-vstretilsya",
        "https://QALA24.KZ/news/2025/01/akim-vstretilsya/",
        "https://qala24.kz:443/news/2025/01/akim-vstretilsya",
        "https://qala24.kz/news/2025/01/akim-vstretilsya#comments",
        "https://qala24.kz/news/2025/01/akim-vstretilsya?utm_source=telegram&utm_medium=social",
        "https://qala24.kz/news/2025/01/akim-vstretilsya?fbclid=IwAR0abc&from=rss",
        "https://m.qala24.kz/news/2025/01/akim-vstretilsya",
        "https://qala24.kz/news/2025/01/akim-vstretilsya/amp",
        "https://qala24.kz/news//2025/01/./akim-vstretilsya",
        "https://qala24.kz/news/2025/01/akim-vstretilsya/index.html",
        "https://qala24.kz/news/2025/01/%61kim-vstretilsya",
        "  https://qala24.kz/news/2025/01/akim-vstretilsya  ",
    ],
)
def test_the_forms_of_one_article_give_one_key(variant):
    assert canonical_url(variant) == ARTICLE


def test_what_names_the_article_is_kept():
    assert canonical_url("https://qala24.kz/news.php?id=5") != canonical_url("https://qala24.kz/news.php?id=6")
    assert canonical_url("https://qala24.kz/news.php?b=2&a=1") == canonical_url("https://qala24.kz/news.php?a=1&b=2")
    assert canonical_url("https://qala24.kz/News/1") != canonical_url("https://qala24.kz/news/1")
    assert canonical_url("https://qala24.kz:8080/a") == "https://qala24.kz:8080/a"
    assert canonical_url("https://qala24.kz/") == "https://qala24.kz/"


def test_cyrillic_addresses_are_one_key_raw_or_escaped():
    raw = canonical_url("https://әкімдік.қаз/жаңалықтар/әкім-кездесті")
    escaped = canonical_url(
        "https://xn--d1albg3kc62g.xn--80ao21a/%d0%B6%D0%B0%D2%A3%D0%B0%D0%BB%D1%8B%D2%9B%D1%82%D0%B0%D1%80/"
        "%D3%99%D0%BA%D1%96%D0%BC-%D0%BA%D0%B5%D0%B7%D0%B4%D0%B5%D1%81%D1%82%D1%96"
    )
    assert raw == escaped
    assert raw.startswith("https://xn--")
    assert host_of("https://www.Әкімдік.қаз/x") == "xn--d1albg3kc62g.xn--80ao21a"


@pytest.mark.parametrize(
    "address", ["", "mailto:press@akimat.kz", "ftp://qala24.kz/file", "javascript:alert(1)", "/news/1"]
)
def test_only_web_addresses_are_articles(address):
    with pytest.raises(NotAnArticleAddress):
        canonical_url(address)


def test_a_very_long_address_is_cut_and_stays_unique():
    first = canonical_url("https://qala24.kz/" + "a" * 2000 + "1")
    second = canonical_url("https://qala24.kz/" + "a" * 2000 + "2")
    assert len(first) <= MAX_LENGTH and len(second) <= MAX_LENGTH and first != second


@given(
    st.text(alphabet="abcдеж-_/.%~ ?&=#", max_size=40),
    st.sampled_from(["http://", "https://www.", "https://"]),
)
def test_the_key_of_a_key_is_itself(path, prefix):
    try:
        once = canonical_url(f"{prefix}qala24.kz/{path}")
    except (NotAnArticleAddress, ValueError):
        return
    assert canonical_url(once) == once
