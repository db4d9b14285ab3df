"""Interview drills as a user meets them: a scripted session, FSRS due dates checked
against the fsrs library itself, cramming for an interview date, undo, bad input."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import fsrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aipm_tracker import spacing
from aipm_tracker.cli import context
from aipm_tracker.models import CardState
from tests.conftest import FIXED_NOW, progress_path

LIBRARY_RATING = {"again": fsrs.Rating.Again, "hard": fsrs.Rating.Hard,
                  "good": fsrs.Rating.Good, "easy": fsrs.Rating.Easy}  # fmt: skip


def library_chain(ratings: list[tuple[str, datetime]]) -> list[datetime]:
    """The due dates the fsrs library itself gives one new card rated in turn."""
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    card = fsrs.Card(due=ratings[0][1])
    dues = []
    for rating, at in ratings:
        card, _ = scheduler.review_card(card, LIBRARY_RATING[rating], at)
        dues.append(card.due)
    return dues


def saved(data) -> dict:
    return json.loads(progress_path(data, "mini").read_text())


def test_a_scripted_two_rating_session_records_the_due_dates_fsrs_gives(aipm, drill, isolated):
    result = aipm("drill", "--limit", "2", input="good\nagain\n")
    assert result.exit_code == 0, result.stderr
    doc = saved(isolated)
    cards = doc["cards"]
    assert list(cards) == ["q.pipeline", "q.conflict"]
    good = library_chain([("good", FIXED_NOW)])[0]
    again = library_chain([("again", FIXED_NOW)])[0]
    assert [r["rating"] for r in cards["q.pipeline"]["reviews"]] == ["good"]
    assert datetime.fromisoformat(cards["q.pipeline"]["reviews"][0]["due"]) == good
    assert datetime.fromisoformat(cards["q.conflict"]["reviews"][0]["due"]) == again
    assert datetime.fromisoformat(cards["q.pipeline"]["fsrs"]["due"]) == good
    # fsrs's defaults: a new card rated good comes back in 10 minutes, again in 1.
    assert good == FIXED_NOW + timedelta(minutes=10)
    assert again == FIXED_NOW + timedelta(minutes=1)
    assert [e["action"] for e in doc["history"]] == ["rate", "rate"]


def test_the_scripted_session_screen(aipm, drill):
    result = aipm("drill", "--limit", "2", input="good\nagain\n")
    assert result.stdout == (
        "Question 1 of 2  q.pipeline  technical, situational · new\n"
        "\n"
        "The nightly feed stopped. What do you do first?\n"
        "\n"
        "Exercises    ai.ml-basics (ML basics)\n"
        "             pm.risk-management (Risk management)\n"
        "Your stories none yet: aipm story add TITLE ... --question q.pipeline\n"
        "Rate it: again (1) · hard (2) · good (3) · easy (4) · q to stop\n"
        "q.pipeline: good, next due 2026-11-23 10:10 UTC\n"
        "\n"
        "Question 2 of 2  q.conflict  behavioural · new\n"
        "\n"
        "Two people on your team disagree. How do you unblock them?\n"
        "\n"
        "Exercises    pm.risk-management (Risk management)\n"
        "Your stories none yet: aipm story add TITLE ... --question q.conflict\n"
        "Rate it: again (1) · hard (2) · good (3) · easy (4) · q to stop\n"
        "q.conflict: again, next due 2026-11-23 10:01 UTC\n"
        "Rated 2 of 2. Undo the last rating with: aipm undo\n"
    )


def test_a_second_review_follows_the_library_from_the_stored_state(
    aipm, drill, isolated, monkeypatch
):
    aipm("drill", "--limit", "1", input="good\n")
    later = FIXED_NOW + timedelta(minutes=15)
    monkeypatch.setattr(context, "now", lambda: later)
    assert aipm("drill", "--item", "ml-basics", input="easy\n").exit_code == 0
    card = saved(isolated)["cards"]["q.pipeline"]
    expected = library_chain([("good", FIXED_NOW), ("easy", later)])
    assert [datetime.fromisoformat(r["due"]) for r in card["reviews"]] == expected
    assert card["fsrs"]["phase"] == "review"


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["again", "hard", "good", "easy"]), st.integers(0, 60 * 24 * 30)),
        min_size=1,
        max_size=8,
    )
)
def test_the_adapter_gives_the_library_due_dates_for_any_ratings(steps):
    assert spacing.FUZZING is False  # the autouse fixture turns fuzzing off
    at = FIXED_NOW
    timeline = []
    for rating, minutes in steps:
        at = at + timedelta(minutes=minutes)
        timeline.append((rating, at))
    state: CardState | None = None
    ours = []
    for rating, when in timeline:
        state = spacing.review(state, rating, when)
        ours.append(state.due)
    assert ours == library_chain(timeline)


def test_each_rating_is_one_undo(aipm, drill, isolated):
    aipm("drill", "--limit", "1", input="good\n")
    one = progress_path(isolated, "mini").read_bytes()
    aipm("drill", "--limit", "1", input="hard\n")
    assert aipm("undo").stdout.startswith("Undid rate: q.conflict: rated hard")
    assert progress_path(isolated, "mini").read_bytes() == one
    aipm("undo")
    assert saved(isolated).get("history", []) == []
    assert "cards" not in saved(isolated)


def test_numbers_and_first_letters_are_ratings_and_q_stops(aipm, drill, isolated):
    result = aipm("drill", input="4\nh\nq\n")
    assert result.exit_code == 0
    assert result.stdout.endswith("Rated 2 of 3. Undo the last rating with: aipm undo\n")
    cards = saved(isolated)["cards"]
    assert [c["reviews"][0]["rating"] for c in cards.values()] == ["easy", "hard"]


@pytest.mark.parametrize("line", ["5", "0", "great", "", "x"])
def test_a_rating_out_of_range_is_exit_2_and_stores_nothing(aipm, drill, isolated, line):
    result = aipm("drill", input=f"good\n{line or 'meh'}\n")
    assert result.exit_code == 2
    assert "is not a rating: answer again, hard, good or easy (or 1-4)" in result.stderr
    assert not progress_path(isolated, "mini").exists()


def test_ctrl_c_ends_the_session_and_keeps_the_ratings_given(aipm, drill, isolated, monkeypatch):
    answers = iter(["good"])

    def typed(prompt: str) -> str:
        try:
            return next(answers)
        except StopIteration:
            raise KeyboardInterrupt from None

    from aipm_tracker.cli import drill as drill_cli

    monkeypatch.setattr("builtins.input", typed)
    monkeypatch.setattr(drill_cli, "interactive", lambda: True)
    result = aipm("drill")
    assert result.exit_code == 0
    assert "Rated 1 of 3." in result.stdout
    assert list(saved(isolated)["cards"]) == ["q.pipeline"]


def test_cramming_brings_cards_due_before_the_interview_forward(aipm, drill, monkeypatch):
    aipm("drill", input="good\ngood\ngood\n")
    later = FIXED_NOW + timedelta(minutes=20)
    monkeypatch.setattr(context, "now", lambda: later)
    aipm("drill", input="good\ngood\ngood\n")  # all three into review: due in days
    assert aipm("drill").stdout.startswith("Nothing to drill: no question is due.")
    crammed = aipm("drill", "--by", "2026-12-20", input="q\n")
    assert crammed.exit_code == 0
    assert crammed.stdout.startswith("Question 1 of 3  q.")
    due = json.loads(aipm("drill", "due", "--json").stdout)
    assert due["due"] == [] and due["new"] == 0 and due["questions"] == 3
    assert due["next_due"] is not None


@pytest.mark.parametrize(
    ("by", "message"),
    [
        ("2026-02-30", "--by '2026-02-30' is not a day of the calendar: 2026-02 has no day 30."),
        ("2026-13-01", "there is no month 13"),
        ("next week", "--by 'next week' is not a date: give it as YYYY-MM-DD"),
        ("2026-11-01", "--by 2026-11-01 is in the past"),
    ],
)
def test_a_cram_date_that_does_not_exist_is_exit_2(aipm, drill, isolated, by, message):
    result = aipm("drill", "--by", by, input="good\n")
    assert result.exit_code == 2
    assert message in result.stderr
    assert not progress_path(isolated, "mini").exists()


def test_tags_and_items_narrow_a_drill(aipm, drill):
    assert "q.conflict" in aipm("drill", "--tag", "behavioural", input="q\n").stdout
    result = aipm("drill", "--tag", "Behavioral")
    assert result.exit_code == 2
    assert "is not a question tag: use technical, behavioural" in result.stderr
    only = aipm("drill", "--item", "nlp", input="q\n").stdout
    assert "Question 1 of 1  q.nlp-explain" in only


def test_drill_due_lists_new_questions_as_due(aipm, drill):
    doc = json.loads(aipm("drill", "due", "--json").stdout)
    assert set(doc) == {"now", "due", "questions", "new", "next_due", "orphans"}
    assert [c["id"] for c in doc["due"]] == ["q.pipeline", "q.conflict", "q.nlp-explain"]
    assert set(doc["due"][0]) == {
        "id", "text", "tags", "items", "stories", "due", "reviews", "last_rating"
    }  # fmt: skip
    assert doc["due"][0]["items"][0] == {"id": "ai.ml-basics", "title": "ML basics"}
    assert aipm("drill", "due").stdout.startswith("3 of 3 questions due (3 never rated).\n")


def test_status_says_how_many_are_due(aipm, drill):
    assert "Drills      3 of 3 questions due: aipm drill" in aipm("status").stdout
    aipm("drill", "--limit", "1", input="good\n")
    assert "Drills      2 of 3 questions due: aipm drill" in aipm("status").stdout
    doc = json.loads(aipm("status", "--json").stdout)
    assert doc["interview"]["drills_due"] == 2
    assert doc["interview"]["questions"] == 3


def test_a_rating_in_the_history_json(aipm, drill):
    aipm("drill", "--limit", "1", input="good\n")
    (event,) = json.loads(aipm("history", "--json").stdout)
    assert set(event) == {
        "at", "action", "item", "before", "after", "note", "evidence", "profile_before",
        "profile_after", "backup", "as_of", "changes", "index", "note_before",
        "evidence_before", "own_item", "job_id", "job_before", "job_after", "question",
        "card_before", "review",
    }  # fmt: skip
    assert event["question"] == "q.pipeline" and event["card_before"] is None
    assert event["review"]["rating"] == "good"


def test_a_story_shows_in_the_drill_of_its_question(aipm, drill):
    result = aipm(
        "story", "add", "Late feed", "--situation", "The feed failed", "--task", "Keep scoring",
        "--action", "Added a fallback", "--result", "No missed run", "--question", "pipeline",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    screen = aipm("drill", "--limit", "1", input="q\n").stdout
    assert "Your stories s1 Late feed: No missed run\n" in screen
    listed = json.loads(aipm("story", "list", "--json").stdout)
    assert listed[0]["questions"] == ["q.pipeline"] and listed[0]["id"] == "s1"


def test_a_story_with_an_empty_part_or_unknown_question_is_exit_2(aipm, drill, isolated):
    base = ["story", "add", "T", "--situation", "S", "--task", "T", "--action", "A"]
    empty = aipm(*base, "--result", "  ")
    assert empty.exit_code == 2 and "the result is empty" in empty.stderr
    unknown = aipm(*base, "--result", "R", "--question", "q.nope")
    assert unknown.exit_code == 2 and "no question 'q.nope' in this curriculum" in unknown.stderr
    assert not progress_path(isolated, "mini").exists()
