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
    # Title + Two words and don't stop + x 1 (code) = 8 words; one inline formula; 3 lines
    assert reading_stats(html) == ReadingStats(words=8, inline_formulas=1, equation_lines=3)


def test_minutes_follow_the_configured_rates():
    defaults = config()
    assert ReadingStats(600, 0, 0).minutes(defaults) == 3  # 200 words per minute
    assert ReadingStats(600, 0, 10).minutes(defaults) == 5  # + 10 lines x 12 s
    assert ReadingStats(580, 20, 0).minutes(defaults) == 3  # an inline formula = 1 word
    assert ReadingStats(0, 0, 0).minutes(defaults) == 1  # never "0 min"
    assert ReadingStats(600, 0, 0).minutes(config(words_per_minute=100)) == 6


def test_nonpositive_rates_are_rejected():
    cfg = LessonsConfig()
    cfg.load_dict({"words_per_minute": 0})
    failed, _ = cfg.validate()
    assert [key for key, _ in failed] == ["words_per_minute"]
