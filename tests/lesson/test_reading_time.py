"""The reading time: counted from the page's words and equations, never typed by hand."""

from __future__ import annotations

from lessons.config import LessonsConfig
from lessons.readingtime import ReadingStats, reading_stats


def config(**options: int) -> LessonsConfig:
    cfg = LessonsConfig()
    cfg.load_dict(options)
    failed, warnings = cfg.validate()
    assert not failed and not warnings
    return cfg


def test_counts_words_inline_formulas_and_equation_lines():
    html = (
        '<h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1>'
        '<p>Two words, <span class="arithmatex">\\(x^2\\)</span> and <em>don\'t</em> stop.</p>'
        '<div class="arithmatex">\\[\\begin{aligned} a &amp;= b \\\\ c &amp;= d \\\\ e '
        "\\end{aligned}\\]"
        "</div><pre><code>x = 1</code></pre><script>var ignored = 1;</script>"
    )
    # Title + Two words and don't stop = 6 words; one inline formula; 3 lines; 1 code line
    assert reading_stats(html) == ReadingStats(
        words=6, inline_formulas=1, equation_lines=3, code_lines=1
    )


def test_minutes_follow_the_configured_rates():
    defaults = config()
    assert ReadingStats(600, 0, 0).minutes(defaults) == 3  # 200 words per minute
    assert ReadingStats(600, 0, 10).minutes(defaults) == 5  # + 10 lines x 12 s
    assert ReadingStats(580, 20, 0).minutes(defaults) == 3  # an inline formula = 1 word
    assert ReadingStats(0, 0, 0).minutes(defaults) == 1  # never "0 min"
    assert ReadingStats(600, 0, 0).minutes(config(words_per_minute=100)) == 6
    assert ReadingStats(0, 0, 0, code_lines=60).minutes(defaults) == 5  # 5 s a code line


def test_nonpositive_rates_are_rejected():
    cfg = LessonsConfig()
    cfg.load_dict({"words_per_minute": 0})
    failed, _ = cfg.validate()
    assert [key for key, _ in failed] == ["words_per_minute"]


def test_what_the_page_does_not_show_is_not_counted():
    """Hidden answers and feedback, the explorer's hidden controls and collapsed blocks."""
    shown = "<p>One two three.</p>"
    hidden = (
        '<details class="quiz-answer"><summary>Show answer</summary>'
        "<p>a long explanation " + "word " * 500 + "</p></details>"
        '<span class="quiz-option-feedback" hidden>feedback ' + "word " * 200 + "</span>"
        '<div class="course-explorer__app" hidden><label>Encoder variance</label>'
        "<output>0.20</output></div>"
        '<svg aria-hidden="true"><text>axis label</text></svg>'
    )
    # Only the summary line of the collapsed block is read.
    assert reading_stats(shown + hidden) == ReadingStats(
        words=5, inline_formulas=0, equation_lines=0
    )
    opened = "<details open><summary>Refresher</summary><p>four more words here</p></details>"
    assert reading_stats(opened).words == 5


def test_code_is_counted_by_its_lines_not_its_words():
    code = "<pre><code>import numpy as np\n\nx = np.zeros((3, 4))\nprint(x.sum())\n</code></pre>"
    assert reading_stats(code) == ReadingStats(0, 0, 0, code_lines=3)
