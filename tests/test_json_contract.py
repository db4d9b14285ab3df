"""The --json shapes are a contract (README.md, "JSON output"): these tests pin every
key, so a change to a shape is a deliberate, visible change."""

from __future__ import annotations

import json

STATUS_KEYS = {
    "curriculum", "date", "readiness", "categories", "next", "orphans", "levels",
    "due_for_check", "milestones", "own_items", "interview", "time_log", "reminders",
}  # fmt: skip
TIME_LOG_KEYS = {
    "week", "hours", "hours_per_week", "observed", "window_weeks", "completed", "entries",
}  # fmt: skip
INTERVIEW_KEYS = {
    "drills_due", "questions", "pipeline", "follow_ups", "retention", "applications",
}  # fmt: skip
PIPELINE_KEYS = {"stages", "open", "total"}
READINESS_KEYS = {
    "role", "title", "percent", "hours_required", "hours_done", "hours_remaining",
    "requirements", "met", "waived", "unknown", "levels_required", "levels_met",
    "hours_per_week", "ready_on", "estimated", "hours_per_level", "hours_prerequisites",
}  # fmt: skip
CATEGORY_KEYS = {
    "id", "title", "total", "done", "in_progress", "todo", "skipped", "hours_done",
    "hours_total", "percent",
}  # fmt: skip
NEXT_KEYS = {
    "item", "title", "category", "status", "effort_hours", "score", "terms", "estimated",
}  # fmt: skip
TERM_KEYS = {"name", "points", "reason"}
ROW_KEYS = {
    "id", "title", "category", "kind", "priority", "status", "level", "target_level",
    "effort_hours", "estimated", "amount", "quantity_target", "quantity_unit", "own",
    "steps_done", "steps_total",
}  # fmt: skip
GAP_KEYS = {
    "item", "title", "category", "priority", "status", "level", "target_level",
    "needs_completion", "needs_level", "hours_remaining", "options", "group", "waiver",
    "estimated", "amount", "quantity_target", "quantity_unit",
}  # fmt: skip
STATE_KEYS = {
    "status", "level", "started_at", "completed_at", "skip_reason", "amount", "notes",
    "evidence", "steps_done", "own_steps",
}  # fmt: skip
SHOW_KEYS = {
    "item",
    "progress",
    "required",
    "target_level",
    "prerequisites",
    "unlocks",
    "blocked_by",
    "stale",
    "own",
    "steps",
    "changes",
}
EVENT_KEYS = {
    "at", "action", "item", "before", "after", "note", "evidence", "profile_before",
    "profile_after", "backup", "as_of", "changes", "index", "note_before", "evidence_before",
    "own_item", "job_id", "job_before", "job_after",
}  # fmt: skip


def run_json(aipm, *args: str):
    result = aipm(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_status_json_shape(aipm, mini) -> None:
    aipm("start", "ml")
    doc = run_json(aipm, "status")
    assert set(doc) == STATUS_KEYS
    assert doc["curriculum"] == {"id": "mini", "title": "Mini curriculum", "version": "1.0"}
    assert doc["date"] == "2026-11-23"
    assert set(doc["readiness"]) == READINESS_KEYS
    assert all(set(c) == CATEGORY_KEYS for c in doc["categories"])
    assert all(set(n) == NEXT_KEYS for n in doc["next"])
    assert all(set(t) == TERM_KEYS for n in doc["next"] for t in n["terms"])
    assert set(doc["interview"]) == INTERVIEW_KEYS
    assert set(doc["interview"]["pipeline"]) == PIPELINE_KEYS
    assert doc["interview"]["questions"] == 0 and doc["interview"]["follow_ups"] == []
    assert set(doc["time_log"]) == TIME_LOG_KEYS


def test_list_json_shape(aipm, mini) -> None:
    doc = run_json(aipm, "list")
    assert [row["id"] for row in doc] == ["ai.ml-basics", "ai.nlp", "pm.risk-management"]
    assert all(set(row) == ROW_KEYS for row in doc)
    assert doc[0]["target_level"] == 2


def test_show_json_shape(aipm, mini) -> None:
    doc = run_json(aipm, "show", "nlp")
    assert set(doc) == SHOW_KEYS
    assert set(doc["progress"]) == STATE_KEYS
    assert doc["prerequisites"] == [{"id": "ai.ml-basics", "status": "todo"}]
    assert doc["blocked_by"] == ["ai.ml-basics"]
    assert doc["item"]["id"] == "ai.nlp"


def test_gaps_next_history_json_shapes(aipm, mini) -> None:
    aipm("done", "risk")
    assert all(set(g) == GAP_KEYS for g in run_json(aipm, "gaps"))
    assert all(set(n) == NEXT_KEYS for n in run_json(aipm, "next"))
    history = run_json(aipm, "history")
    assert len(history) == 1
    assert set(history[0]) == EVENT_KEYS
    assert history[0]["before"] is None
    assert history[0]["after"]["status"] == "done"


def test_path_and_curriculum_show_json_shapes(aipm, mini) -> None:
    assert set(run_json(aipm, "path")) == {"data_dir", "progress_file", "lock_file", "curriculum"}
    doc = run_json(aipm, "curriculum", "show")
    assert set(doc) == {"id", "version", "title", "source", "categories", "roles"}
    assert doc["categories"] == [
        {"id": "ai-concepts", "title": "AI concepts", "items": 2, "hours": 30.0},
        {"id": "pm-skills", "title": "PM skills", "items": 1, "hours": 5.0},
    ]


def test_burndown_json_shape(aipm, mini) -> None:
    aipm("done", "risk")
    doc = run_json(aipm, "burndown")
    assert set(doc) == {
        "role", "title", "hours_required", "hours_remaining", "points", "hours_per_week",
        "pace_source", "ready_on", "observed_pace",
    }  # fmt: skip
    assert all(set(p) == {"day", "hours_remaining"} for p in doc["points"])
    # 65 h of work in the role (with 10 h a level of practice), risk's 5 h done.
    assert doc["points"][-1] == {"day": "2026-11-23", "hours_remaining": 60.0}


STAND_KEYS = {"item", "title", "status", "level", "evidence", "hours_left"}


def test_job_match_market_and_cv_json_shapes(aipm, tmp_path) -> None:
    posting = tmp_path / "posting.md"
    posting.write_text("We ask for PMP, Scrum and MLOps; Jira is a plus.\n")
    assert aipm("job", "add", str(posting), "--title", "PM").exit_code == 0
    (row,) = run_json(aipm, "job", "list")
    assert set(row) == {"id", "title", "company", "added_at", "file"}
    shown = run_json(aipm, "job", "show", row["id"])
    assert set(shown) == {"job", "text"} and shown["job"] == row
    match = run_json(aipm, "match", row["id"])
    assert set(match) == {
        "job", "title", "score", "requirements", "unmatched", "plan", "plan_percent",
    }  # fmt: skip
    assert (match["job"], match["score"], match["unmatched"]) == (row["id"], 0, ["Jira"])
    assert [r["term"] for r in match["requirements"]] == ["PMP", "Scrum", "MLOps"]
    first = match["requirements"][0]
    assert set(first) == {"term", "items", "met", "lines", "points", "standing"}
    assert (first["items"], first["met"], first["lines"]) == (
        ["cert.pmp", "portfolio.pm-experience"], False, [1],
    )  # fmt: skip
    assert all(set(s) == STAND_KEYS for s in first["standing"] + match["plan"])
    market = run_json(aipm, "market")
    assert set(market) == {"postings", "rows"}
    assert all(set(r) == STAND_KEYS | {"postings"} for r in market["rows"])
    cv = tmp_path / "cv.md"
    cv.write_text("Led Scrum teams.\n")
    doc = run_json(aipm, "cv", "check", str(cv), "--job", row["id"])
    assert set(doc) == {"source", "present", "missing", "verbs", "unproven", "unmentioned"}
    assert doc["present"] == [{"term": "Scrum", "line": 1}]
    assert doc["missing"] == [{"term": "PMP", "line": None}, {"term": "MLOps", "line": None}]
    assert doc["verbs"] == [{"term": "led", "line": 1}]
    assert doc["unproven"] == [{"term": "Scrum", "line": 1, "items": ["pm.agile-scrum"]}]
    assert doc["unmentioned"] == []


PAST_WEEK_KEYS = {"start", "planned", "logged", "earned", "variance", "spi"}
ACTUAL_KEYS = {"weeks", "planned", "logged", "earned", "variance", "spi"}
LOG_ROW_KEYS = {"id", "at", "day", "item", "title", "minutes", "hours", "note"}


def test_log_list_and_the_plans_past_weeks_json_shapes(aipm, mini) -> None:
    aipm("target", "--hours-per-week", "6")
    assert aipm("log", "ml", "2h", "--at", "2026-11-17").exit_code == 0
    doc = run_json(aipm, "log", "list")
    assert set(doc) == {"week", "item", "entries", "hours"}
    assert all(set(e) == LOG_ROW_KEYS for e in doc["entries"])
    plan = run_json(aipm, "plan")
    assert set(plan["actual"]) == ACTUAL_KEYS
    assert all(set(w) == PAST_WEEK_KEYS for w in plan["actual"]["weeks"])
    history = run_json(aipm, "history")
    assert set(history[-1]) == EVENT_KEYS | {"time_entry"}
    assert set(history[0]) == EVENT_KEYS


CERT_KEYS = {
    "cert", "title", "body", "as_of", "eligibility", "checklist", "eligible", "exam_on",
    "days_left", "attempts", "attempts_allowed", "retake_until", "attempts_left", "earned_on",
    "credential_id", "active", "renewal", "renewal_credits", "unconfirmed",
}  # fmt: skip
CHECK_KEYS = {
    "kind",
    "text",
    "met",
    "missing",
    "unconfirmed",
    "options",
    "amount",
    "target",
    "unit",
}
RENEWAL_KEYS = {
    "credits_needed", "unit", "years", "period_start", "due_on", "days_left", "credits", "as_of",
}  # fmt: skip
REMINDER_KEYS = {"cert", "title", "what", "on", "days_left"}


def test_cert_and_experience_json_shapes(aipm) -> None:
    # The bundled curriculum: it has the certifications.
    assert (
        aipm("experience", "add", "Rollout", "--from", "2024-01", "--to", "2024-03").exit_code == 0
    )
    assert aipm("cert", "earned", "csm", "2026-01-05", "--credential-id", "7").exit_code == 0
    assert aipm("cert", "result", "pmp", "fail", "--on", "2026-11-01").exit_code == 0
    assert aipm("cert", "book", "pmp", "2026-12-01").exit_code == 0
    table = run_json(aipm, "cert")
    assert all(set(row) == CERT_KEYS for row in table)
    csm = run_json(aipm, "cert", "csm")
    assert set(csm) == CERT_KEYS
    assert set(csm["renewal"]) == RENEWAL_KEYS
    assert csm["renewal_credits"] == {"amount": 20.0, "unit": "SEUs", "years": 2}
    assert csm["attempts_allowed"] == {"count": 2, "within_days": 90}
    pmp = run_json(aipm, "cert", "pmp")
    assert pmp["attempts"] == [{"on": "2026-11-01", "result": "fail"}]
    assert (pmp["exam_on"], pmp["days_left"], pmp["renewal"]) == ("2026-12-01", 8, None)
    checks = [*pmp["checklist"], *(o for c in pmp["checklist"] for o in c["options"])]
    assert all(set(c) == CHECK_KEYS for c in checks)
    experience = run_json(aipm, "experience", "list")
    assert set(experience) == {"entries", "counted"}
    assert set(experience["entries"][0]) == {"id", "title", "from", "to", "kind", "months"}
    assert all(set(c) == {"kind", "within_months", "months"} for c in experience["counted"])
    reminders = run_json(aipm, "status")["reminders"]
    assert [set(r) for r in reminders] == [REMINDER_KEYS]
    history = run_json(aipm, "history")
    assert set(history[0]) == EVENT_KEYS | {"experience"}
    assert set(history[1]) == EVENT_KEYS | {"cert_id", "cert_before", "cert_after"}
    assert set(history[1]["cert_after"]) == {
        "exam_on", "attempts", "earned_on", "credential_id", "credits",
    }  # fmt: skip
