import pytest

from app.domain import (
    MAX_NOTE_LENGTH,
    ValidationError,
    clean_elapsed,
    clean_note,
    clean_run_name,
    clean_test_case_ids,
    format_elapsed,
    parse_elapsed_text,
)


class TestRunName:
    def test_is_trimmed(self) -> None:
        assert clean_run_name("  Sprint 12 regression \t") == "Sprint 12 regression"

    @pytest.mark.parametrize("raw", ["", "   ", "\t\n"])
    def test_must_not_be_empty(self, raw: str) -> None:
        with pytest.raises(ValidationError, match="Give the run a name") as caught:
            clean_run_name(raw)
        assert caught.value.field == "name"

    def test_may_have_250_characters(self) -> None:
        assert len(clean_run_name("x" * 250)) == 250

    def test_may_not_have_251_characters(self) -> None:
        with pytest.raises(ValidationError) as caught:
            clean_run_name("x" * 251)
        assert caught.value.message == (
            "The run name is 251 characters long; shorten it to 250 or fewer."
        )

    def test_length_counts_after_trimming(self) -> None:
        assert clean_run_name("  " + "x" * 250 + "  ") == "x" * 250

    @pytest.mark.parametrize(
        ("raw", "described"),
        [
            ("Login\tchecks", "a tab"),
            ("Login\nchecks", "a line break"),
            ("Login\x00checks", "a control character (U+0000)"),
            ("Login\x1bchecks", "a control character (U+001B)"),
        ],
    )
    def test_may_not_contain_control_characters(self, raw: str, described: str) -> None:
        with pytest.raises(ValidationError, match="without control characters") as caught:
            clean_run_name(raw)
        assert f"contains {described}" in caught.value.message

    def test_keeps_unicode_as_typed(self) -> None:
        assert clean_run_name("Prüfung: Übersicht 🚀") == "Prüfung: Übersicht 🚀"


class TestNote:
    @pytest.mark.parametrize("raw", [None, "", "  \n\t "])
    def test_blank_means_no_note(self, raw: str | None) -> None:
        assert clean_note(raw) is None

    def test_is_kept_as_typed_with_line_endings_unified(self) -> None:
        raw = "  Step 3 failed:\r\n\r\n  the button is grey\rretry later  "
        assert clean_note(raw) == "  Step 3 failed:\n\n  the button is grey\nretry later  "

    def test_may_have_10000_characters(self) -> None:
        assert clean_note("n" * MAX_NOTE_LENGTH) == "n" * MAX_NOTE_LENGTH

    def test_may_not_have_10001_characters(self) -> None:
        with pytest.raises(ValidationError) as caught:
            clean_note("n" * (MAX_NOTE_LENGTH + 1))
        assert caught.value.field == "note"
        assert caught.value.message == (
            "The note is 10,001 characters long; shorten it to 10,000 or fewer."
        )

    def test_may_not_contain_nul(self) -> None:
        with pytest.raises(ValidationError, match="NUL character"):
            clean_note("bad\x00note")


class TestElapsed:
    @pytest.mark.parametrize(
        ("raw", "expected"), [(None, None), (0, 0), (90, 90), (86_400, 86_400), (12.0, 12)]
    )
    def test_accepts_whole_seconds_up_to_a_day(self, raw: object, expected: int | None) -> None:
        assert clean_elapsed(raw) == expected

    @pytest.mark.parametrize(
        ("raw", "message"),
        [
            (-1, "The elapsed time can't be negative."),
            (86_401, "The elapsed time can't be more than 24 hours (86,400 seconds)."),
            (1.5, "The elapsed time must be whole seconds."),
            ("90", "The elapsed time must be a whole number of seconds."),
            (True, "The elapsed time must be a whole number of seconds."),
        ],
    )
    def test_refuses_anything_else(self, raw: object, message: str) -> None:
        with pytest.raises(ValidationError) as caught:
            clean_elapsed(raw)
        assert caught.value.field == "elapsed"
        assert caught.value.message == message

    @pytest.mark.parametrize(
        ("text", "seconds"),
        [
            ("", None),
            ("  ", None),
            ("90", 90),
            ("1:30", 90),
            ("01:02:03", 3723),
            ("24:00:00", 86_400),
        ],
    )
    def test_reads_typed_times(self, text: str, seconds: int | None) -> None:
        assert parse_elapsed_text(text) == seconds

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("1:5x", "'1:5x' is not a time"),
            ("1:75", "'1:75' has more than 59 seconds."),
            ("1:75:00", "'1:75:00' has more than 59 minutes."),
            ("24:00:01", "can't be more than 24 hours"),
            ("-5", "is not a time"),
        ],
    )
    def test_explains_what_it_cannot_read(self, text: str, message: str) -> None:
        with pytest.raises(ValidationError, match=message.replace("(", r"\(").replace(")", r"\)")):
            parse_elapsed_text(text)

    @pytest.mark.parametrize(("seconds", "text"), [(0, "0:00"), (90, "1:30"), (3723, "1:02:03")])
    def test_formats_round_trip(self, seconds: int, text: str) -> None:
        assert format_elapsed(seconds) == text
        assert parse_elapsed_text(text) == seconds


class TestCaseSelection:
    def test_keeps_order_and_drops_repeats_and_blanks(self) -> None:
        assert clean_test_case_ids(["tc_2", " tc_1 ", "tc_2", ""]) == ["tc_2", "tc_1"]

    def test_needs_at_least_one_case(self) -> None:
        with pytest.raises(ValidationError, match="Select at least one test case") as caught:
            clean_test_case_ids([])
        assert caught.value.field == "test_case_ids"


def test_validation_error_is_a_value_error_with_the_message() -> None:
    error = ValidationError("name", "Give the run a name.")
    assert isinstance(error, ValueError)
    assert str(error) == "Give the run a name."
