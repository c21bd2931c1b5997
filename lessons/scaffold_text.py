"""The files of a new lesson (``python -m lessons new``), as text.

Every number the new page states is computed here from the course's running example
(``coursemath.running_example``) and claimed in its numbers file, so the page passes the
check as written and fails it, like any lesson, when the running example changes.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from coursemath.running_example import RUNNING_EXAMPLE

ICON = "material/book-open-variant"


@dataclass(frozen=True)
class NewLesson:
    id: str
    title: str
    stem: str  # the page's file name without ".md": "14-4-the-title"
    figure: str  # the figure's (and its catalogue job's) name: "lesson-14-4"
    script: str  # the figure script's module name: "lesson_14_4"
    notation_link: str | None  # from the page to the notation page, if the course has one

    @property
    def quiz_file(self) -> str:
        return f"{self.stem}.quiz.yml"


def _example_sentence() -> str:
    run = RUNNING_EXAMPLE
    return f"$w = {run.w:g}$, $s^2 = {run.s2:g}$ and one observed $x = {run.x:g}$"


def _log_evidence() -> str:
    return f"$\\log p(x) \\approx {RUNNING_EXAMPLE.log_evidence:.2f}$"


def page(new: NewLesson) -> str:
    front = yaml.safe_dump(
        {"title": new.title}, allow_unicode=True, default_flow_style=False, width=1000
    ).strip()
    notation = (
        f"\nSymbols follow the course's [notation]({new.notation_link})."
        if new.notation_link
        else ""
    )
    alt = (
        "The running example's evidence p(x), a Gaussian density over the data point x, "
        "with the observed data point marked."
    )
    figures = "../assets/generated/figures"  # the page is in docs/module-NN/
    return f"""---
{front}
lesson:
  id: "{new.id}"
  summary: >-
    What the reader learns in this lesson, in one or two sentences (shown in the lesson's
    header and in its module's list of lessons).
  icon: {ICON}
  # prerequisites: ["{new.id.split("-")[0]}-1"]   # lessons to read first, by id
---

# {new.title}

Say here which question this lesson answers and what the reader can do at its end.{notation}

## The running example

In the course's running example, {_example_sentence()}.
Its evidence, the density of the data point under the model, is a Gaussian:

$$
\\sym{{evidence}}{{p(x)}} = \\N\\big(x;\\, 0,\\, \\sym{{w}}{{w}}^2 + \\sym{{s2}}{{s^2}}\\big)
$$

/// where
evidence: the evidence, the density of the data point $x$ under the model
w: the decoder's weight
s2: the variance of the decoder's noise
///

At the observed data point, {_log_evidence()} nats.

![{alt}]({figures}/{new.figure}-light.svg#only-light)
![{alt}]({figures}/{new.figure}-dark.svg#only-dark)

## Quiz

<!-- quiz: {new.quiz_file} -->
"""


def claims(new: NewLesson) -> str:
    return f"""# Every number lesson {new.id} states, tied to the course maths (guarantees/).
claims:
  - text: '{_example_sentence()}'
    is: [running.w, running.s2, running.x]
  - text: '{_log_evidence()}'
    is: running.log_evidence
"""


def quiz(new: NewLesson) -> str:
    return """# The quiz of the lesson (CONTRIBUTING.md, "Quizzes"): one question to start from.
questions:
  - id: evidence-distribution
    type: single
    prompt: In the running example, which distribution does the model give the data point $x$?
    options:
      - text: $\\N(w,\\, s^2)$
        feedback: That is $p(x \\mid z)$, for one code $z = 1$; the evidence averages over codes.
      - text: $\\N(0,\\, w^2 + s^2)$
        correct: true
    explanation: |
      With $x = w z + \\varepsilon$, the code's variance $w^2$ and the noise's variance $s^2$
      add up, around a mean of zero.
"""


def figure_script(new: NewLesson) -> str:
    return f'''"""Lesson {new.id}: the running example's evidence p(x), with the observed x marked.

Written by `make new-lesson`: make it the lesson's own figure (figures_src/README.md).
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from coursemath import vae
from coursemath.running_example import RUNNING_EXAMPLE
from figures_src import style
from figures_src.outputs import Outputs
from figures_src.palette import Palette


def build(out: Outputs) -> None:
    low, high = out.params.numbers("x_range")
    x = np.linspace(low, high, 401)
    observed, variance = RUNNING_EXAMPLE.x, RUNNING_EXAMPLE.evidence_var
    density = vae.gaussian_pdf(x, 0.0, variance)
    at_observed = float(vae.gaussian_pdf(observed, 0.0, variance))

    def draw(fig: Figure, palette: Palette) -> None:
        ax = fig.add_subplot()
        line = style.series(palette, 0)
        ax.plot(x, density, **line)
        ax.plot([observed], [at_observed], "o", color=palette.series[1])
        style.direct_label(
            ax,
            palette,
            (observed, at_observed),
            f"x = {{observed:g}}",
            color=palette.series[1],
            ha="left",
            va="bottom",
            offset=(6, 4),
        )
        ax.set_xlabel("data point x")
        ax.set_ylabel("evidence p(x)")
        ax.set_xlim(low, high)
        ax.set_ylim(0, float(density.max()) * 1.25)

    out.figure("{new.figure}", draw, size=(style.NARROW_WIDTH_IN, 2.6))
'''


def catalog_entry(new: NewLesson) -> str:
    return f"""
# Lesson {new.id} (written by `make new-lesson`).
{new.figure}:
  script: figures/{new.script}.py
  figures: [{new.figure}]
  params:
    x_range: [-6.0, 6.0]
"""
