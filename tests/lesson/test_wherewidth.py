"""lessons.wherewidth: each where list carries its widest symbol's width. The browser test on
every page: tests/site/test_layout_shift.py, test_a_where_list_in_part_has_its_final_symbol_column.
"""

from __future__ import annotations

from lessons.wherewidth import LIST_START, symbol_width, with_symbol_widths


def _svg(width: str, inner: str = "") -> str:
    return f'<svg style="vertical-align: -0.2ex;" width="{width}ex" height="2ex">{inner}</svg>'


def _term(*pieces: str, size: str = "0") -> str:
    body = f'<mjx-break size="{size}"> </mjx-break>'.join(pieces)
    return (
        f'<dt><span class="arithmatex"><mjx-container jax="SVG">{body}</mjx-container></span></dt>'
    )


def _list(*terms: str) -> str:
    entries = "".join(
        f'\n<div class="where-entry" data-sym="s{i}">{t}<dd>d</dd></div>'
        for i, t in enumerate(terms)
    )
    return f"{LIST_START}{entries}\n</dl>\n</div>"


def test_the_outermost_svgs_are_added_and_each_spaced_break_allowed_for() -> None:
    assert symbol_width(_term(_svg("2.5"))) == 2.5
    # An SVG inside another is part of it; its width is not added again.
    assert symbol_width(_term(_svg("3", _svg("9")))) == 3
    assert symbol_width(_term(_svg("2", '<g stroke-width="0"></g>'), _svg("1.25"))) == 3.25
    assert symbol_width(_term(_svg("2"), _svg("1.25"), _svg("1"), size="4")) == 4.25 + 2 * 0.8


def test_each_list_gets_its_own_widest_symbol() -> None:
    page = "<p>before</p>\n" + _list(_term(_svg("1")), _term(_svg("4.5"))) + "\n<p>between</p>\n"
    page += _list(_term(_svg("2")))
    out = with_symbol_widths(page)
    assert out.count('<dl style="--where-symbol: 4.500ex">') == 1
    assert out.count('<dl style="--where-symbol: 2.000ex">') == 1
    assert (
        out.replace(' style="--where-symbol: 4.500ex"', "").replace(
            ' style="--where-symbol: 2.000ex"', ""
        )
        == page
    )


def test_other_markup_is_left_as_it_is() -> None:
    # Math not rendered (no SVG), an author's own list, a page with none, an unclosed list.
    plain = _list("<dt>kl</dt>")
    own = '<div class="where"><dl><dt>x</dt><dd>y</dd></dl></div>'
    unclosed = LIST_START + _term(_svg("3"))
    for page in (plain, own, "<p>no list</p>", unclosed):
        assert with_symbol_widths(page) == page
