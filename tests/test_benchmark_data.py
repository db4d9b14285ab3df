"""The benchmark's generated data is what aipm accepts (not timed: see benchmarks/)."""

from __future__ import annotations

import re

from benchmarks import datagen

from aipm_tracker import engine
from aipm_tracker.curriculum import parse_curriculum
from aipm_tracker.models import Progress


def test_a_generated_curriculum_and_its_progress_file_are_valid_and_repeatable() -> None:
    text = datagen.curriculum_yaml(300, n_categories=20)
    assert text == datagen.curriculum_yaml(300, n_categories=20)  # fixed seed
    curriculum = parse_curriculum(text, "generated.yaml")
    assert len(curriculum.items) == 300
    assert len(curriculum.categories) == 20
    ids = re.findall(r"^  - id: (c\d\d\.item-\d+)$", text, flags=re.M)
    doc = datagen.progress_document(curriculum.id, curriculum.version, ids, 20, 500)
    progress = Progress.model_validate_json(datagen.progress_text(doc))
    assert len(progress.history) == 500
    assert len(progress.items) == 20
    steps = engine.next_steps(curriculum, progress, engine.resolve_role(curriculum, progress, None))
    assert steps and all(s.score == round(sum(t.points for t in s.terms), 2) for s in steps)
