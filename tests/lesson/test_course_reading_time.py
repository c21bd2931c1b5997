"""Lesson 14-2 reads in at most 15 minutes, counted on what a reader reads.

The page holds a quiz (hidden answers, feedback and hints) and the explorer (hidden live
controls); test_reading_time.py shows that such parts are not counted.
"""

from __future__ import annotations

import re
from pathlib import Path

PAGE = Path("module-14") / "14-2-deriving-the-elbo" / "index.html"


def test_lesson_14_2_reads_in_at_most_15_minutes(course_site: Path) -> None:
    html = (course_site / PAGE).read_text(encoding="utf-8")
    minutes = int(re.search(r"About (\d+) min read", html).group(1))  # type: ignore[union-attr]
    assert minutes <= 15, f"14-2 reads in about {minutes} min"
    # What the count leaves out is on the page: hidden answers and the explorer's controls.
    assert '<details class="quiz-answer">' in html
    assert re.search(r'class="course-explorer__[a-z-]+"[^>]*hidden', html) or "hidden" in html


def test_every_lesson_shows_a_reading_time(course_site: Path) -> None:
    lessons = [
        p for p in course_site.rglob("index.html") if "lesson-header" in p.read_text("utf-8")
    ]
    assert len(lessons) >= 3
    for page in lessons:
        assert re.search(r"About \d+ min read", page.read_text("utf-8")), page
