

def test_punctuation_alone_is_quoted() -> None:
    from kehoach_cli.present.fixes_out import _shown

    assert (_shown(":"), _shown(": "), _shown("2,5"), _shown("tu_so")) == (
        "':'", "': '", "2,5", "tu_so")
