"""lessons.js measures equations for their hit areas in short slices, whatever the idle time.

Measuring lays the page out. A slice that went on while the idle period lasted (up to 50 ms)
made a task that Lighthouse, at a phone's 4x slower CPU, counts as blocking input. The page
here reports a 50 ms idle period to every idle callback and has every block laid out (no
content-visibility), so that lesson 14-2's linked equations are all measured at start-up. Each
equation's hit areas are inserted right after it is measured; a slice may start an
equation only while less than its budget has passed, so every equation but the last of a
slice is done within the budget.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import PageWatch

pytestmark = pytest.mark.browser

LESSON = "module-14/14-2-deriving-the-elbo/"
BUDGET_MS = 8  # SLICE_MS in lessons/assets/lessons.js

# Every idle callback is told 50 ms remain; each one's start and the time each hit area
# is inserted during it are recorded. Every block is laid out from the first frame on.
RECORD_SLICES = """
(() => {
  const slices = (window.__slices = []);
  let current = null;
  const idle = window.requestIdleCallback.bind(window);
  window.requestIdleCallback = (callback, options) =>
    idle(() => {
      current = { start: performance.now(), inserted: [] };
      slices.push(current);
      try {
        callback({ didTimeout: false, timeRemaining: () => 50 });
      } finally {
        current = null;
      }
    }, options);
  const insertBefore = Node.prototype.insertBefore;
  Node.prototype.insertBefore = function (node, child) {
    const result = insertBefore.call(this, node, child);
    if (current && node.classList && node.classList.contains("sym-hit")) {
      const equation = this.closest(".arithmatex");
      current.inserted.push({ at: performance.now(), equation: [...document
        .querySelectorAll(".arithmatex")].indexOf(equation) });
    }
    return result;
  };
  const style = document.createElement("style");
  style.textContent = ".md-content__inner > * { content-visibility: visible !important; }";
  // At the end of parsing, before the page's scripts run (they run after it).
  addEventListener("DOMContentLoaded", () => document.head.append(style), {
    capture: true,
    once: true,
  });
})();
"""

LINKED = "article div.arithmatex[data-linked-symbols]"


def test_no_slice_starts_an_equation_after_its_budget(
    watched_context: tuple[Any, PageWatch], course_url: str
) -> None:
    context, _watch = watched_context
    page = context.new_page()
    page.add_init_script(RECORD_SLICES)
    page.goto(course_url + LESSON)
    # Every linked equation outside a closed <details> gets its hit areas.
    # (lessons.js marks them linked when it starts, after the end of parsing: none at first.)
    page.wait_for_function(
        f"""() => {{
            const shown = [...document.querySelectorAll('{LINKED}')]
                .filter(eq => !eq.closest('details:not([open])'));
            return shown.length > 0 && shown.every(eq => eq.querySelector('svg rect.sym-hit'));
        }}""",
        timeout=20_000,
    )
    slices = page.evaluate("window.__slices.filter(s => s.inserted.length)")
    measured: set[int] = set()
    work = 0.0
    for number, piece in enumerate(slices):
        # The equations of the slice in the order they were done, with the time the last
        # hit area of each was inserted (all of an equation's are inserted together).
        done: dict[int, float] = {}
        for insert in piece["inserted"]:
            done[insert["equation"]] = insert["at"] - piece["start"]
        measured.update(done)
        finished = list(done.values())
        work += finished[-1]
        late = [round(ms, 1) for ms in finished[:-1] if ms >= BUDGET_MS]
        assert not late, (
            f"slice {number} of {len(slices)} started another equation after "
            f"{late} ms (budget {BUDGET_MS} ms): {[round(ms, 1) for ms in finished]}"
        )
    # The lesson's linked equations (one is in a closed <details>), and more work than one
    # slice's budget, so the budget had to split it.
    assert len(measured) >= 7, measured
    assert work > BUDGET_MS, (work, slices)
