import pytest

from app.domain import ApiToken


def test_repr_and_str_never_show_the_secret() -> None:
    token = ApiToken("testably_s3cr3t")
    assert "s3cr3t" not in repr(token)
    assert "s3cr3t" not in str(token)
    assert "s3cr3t" not in f"{token!r} {token}"
    assert token.reveal() == "testably_s3cr3t"


@pytest.mark.parametrize("raw", ["", " testably_x", "testably x", "testably_\x07"])
def test_refuses_malformed_tokens(raw: str) -> None:
    with pytest.raises(ValueError, match="API token"):
        ApiToken(raw)
