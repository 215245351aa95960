"""Member text: tidied, checked and rendered to safe HTML in one place."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alongside.community.text import (
    MemberTextError,
    TextPurpose,
    prepare_member_text,
    render_markdown,
    tidy,
)

ATTACKS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="https://example.org" onclick="steal()">hello</a>',
    "[click me](javascript:alert(1))",
    "[click me](JaVaScRiPt:alert(1))",
    "[click me](  javascript:alert(1))",
    "[click me](vbscript:msgbox(1))",
    "[click me](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<svg onload=alert(1)>",
    '<iframe src="https://example.org"></iframe>',
    "![tracking pixel](https://tracker.example.org/p.gif)",
    "<style>body{display:none}</style>",
    '[x](https://example.org "title" onmouseover="alert(1)")',
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_no_script_handler_or_dangerous_url_survives(attack):
    html = render_markdown(attack).lower()
    assert "<script" not in html
    assert "<img" not in html
    assert "<svg" not in html
    assert "<iframe" not in html
    assert "<style" not in html
    assert 'href="javascript' not in html
    assert 'href="vbscript' not in html
    assert 'href="data:' not in html
    for tag_start in html.split("<")[1:]:
        tag = tag_start.split(">")[0]
        assert " on" not in tag, f"event handler attribute in <{tag}>"


def test_links_open_safely():
    html = render_markdown("[Mind](https://www.mind.org.uk)")
    assert 'href="https://www.mind.org.uk"' in html
    assert 'rel="nofollow noopener noreferrer ugc"' in html


def test_the_safe_subset_renders():
    html = render_markdown("**bold** and *soft*\n\n> a quote\n\n- one\n- two\n\n`code`")
    for tag in ("<strong>", "<em>", "<blockquote>", "<ul>", "<li>", "<code>"):
        assert tag in html


def test_headings_stay_plain_text_so_the_page_outline_holds():
    assert "<h1" not in render_markdown("# Big news")


def test_tidy_drops_control_characters_and_lone_surrogates():
    assert tidy("  hi\x00 there\ud800\r\nnext\x1b ") == "hi there\nnext"


def test_empty_text_is_refused_in_plain_words():
    with pytest.raises(MemberTextError) as caught:
        prepare_member_text(text="  \n\x00 ", author=None, purpose=TextPurpose.POST, max_length=100)
    assert caught.value.messages == ["Write something in your post first."]


def test_over_long_text_is_refused_with_the_limit():
    with pytest.raises(MemberTextError) as caught:
        prepare_member_text(
            text="a" * 50_000, author=None, purpose=TextPurpose.POST, max_length=20_000
        )
    assert "50,000 characters long" in caught.value.messages[0]
    assert "20,000 characters or fewer" in caught.value.messages[0]


def test_plain_text_is_one_tidy_line_without_html():
    text = prepare_member_text(
        text="  A  title\nover lines ",
        author=None,
        purpose=TextPurpose.TITLE,
        max_length=150,
        markdown=False,
    )
    assert text.source == "A title over lines"
    assert text.html == ""


def test_optional_text_may_be_empty():
    text = prepare_member_text(
        text="",
        author=None,
        purpose=TextPurpose.CONTENT_WARNING,
        max_length=120,
        required=False,
        markdown=False,
    )
    assert text.source == ""


@given(st.text(max_size=300))
def test_any_text_renders_without_raw_tags_from_the_writer(text):
    html = render_markdown(tidy(text))
    for tag_start in html.split("<")[1:]:
        name = tag_start.split(">")[0].split(" ")[0].lstrip("/")
        assert name in {
            "p",
            "br",
            "em",
            "strong",
            "s",
            "code",
            "pre",
            "blockquote",
            "ul",
            "ol",
            "li",
            "a",
            "",
        }, name
