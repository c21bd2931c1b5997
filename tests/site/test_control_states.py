"""Every control of every page stays legible when hovered or focused, in both palettes.

axe checks a page as it rests. A control can be legible at rest and lose its text under
the pointer or the keyboard's focus: Material colours a hovered or focused link with the
accent, and fills a hovered or focused button with it and writes on it in white; an
override that changed only the text colour once left the quiz's "Next" label in the
accent on the accent.

Each state is shown on every control of the page at once: every style rule that names
:hover, :focus or :focus-visible gets a twin right after it in which the pseudo-class is an
attribute (the same specificity, the same place in the cascade), and the controls get the
attributes. (DevTools' forcePseudoState does the same one element at a time, about 25 ms
each on a long lesson.) axe's colour-contrast rule then checks the controls.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.site.whole_pages import (
    AXE,
    SETTLE,
    SUMMARISE_JS,
    View,
    assert_scheme,
    describe_violations,
    site_pages,
    view_context,
)

pytestmark = pytest.mark.browser

CONTROLS = (
    "a[href], button, summary, label, select, textarea, input:not([type=hidden]), "
    "[role=button], [role=tab], [tabindex]:not([tabindex='-1'])"
)

# Hovered; focused from the keyboard; clicked (focused by the pointer, and still under it).
STATES = [("hover",), ("focus", "focus-visible"), ("hover", "focus")]

# Colours are what is checked, so the end state of each transition is shown at once, and
# every block is rendered (performance.css lets the browser skip off-screen blocks, and
# axe cannot tell the colours behind a box that was never laid out).
STILL = """
*, *::before, *::after { transition: none !important; animation: none !important; }
* { content-visibility: visible !important; }
"""

TWIN_RULES = """() => {
    const pseudo = /:(hover|focus-visible|focus)(?![-\\w])/g;
    let twins = 0;
    const visit = list => {
        for (let i = list.cssRules.length - 1; i >= 0; i--) {
            const rule = list.cssRules[i];
            if (rule instanceof CSSStyleRule) {
                const twin = rule.selectorText.replace(pseudo, '[data-forced-$1]');
                if (twin === rule.selectorText) continue;
                try {
                    list.insertRule(`${twin} { ${rule.style.cssText} }`, i + 1);
                    twins++;
                } catch {
                    // A pseudo-element's state (::-webkit-scrollbar-thumb:hover): no text.
                }
            } else if (rule.cssRules) {
                visit(rule);  // @media, @supports, @layer
            }
        }
    };
    for (const sheet of document.styleSheets) visit(sheet);
    return twins;
}"""

# axe skips disabled controls, and a page at rest has some that a reader enables later (the
# quiz's "Next" before an answer is checked): each is checked as it looks once enabled.
ENABLE = """selector => {
    for (const element of document.querySelectorAll(selector)) element.disabled = false;
}"""

FORCE = """([selector, states]) => {
    for (const element of document.querySelectorAll(selector)) {
        for (const name of ['hover', 'focus', 'focus-visible']) {
            element.toggleAttribute(`data-forced-${name}`, states.includes(name));
        }
    }
}"""

# axe reports text of its background's very colour (1:1) as incomplete, not as a violation:
# it takes it for text hidden on purpose. A control's label never is.
RUN_CONTRAST = (
    """async selector => {"""
    + SUMMARISE_JS
    + """
    const result = await axe.run(document.querySelectorAll(selector), {
        runOnly: ['color-contrast'],
        resultTypes: ['violations', 'incomplete'],
    });
    const unseen = result.incomplete.map(v => ({
        ...v,
        help: 'text in the colour of its background',
        nodes: v.nodes.filter(n => n.any.some(c => (c.data || {}).messageKey === 'equalRatio')),
    }));
    return [...result.violations, ...unseen].filter(v => v.nodes.length).map(summarise);
}"""
)


# One width: hover and focus colours do not depend on it, and the desktop shows the most
# controls at once (the navigation and the table of contents beside the article).
@pytest.mark.parametrize(
    "view", [View("default", 1280), View("slate", 1280)], ids=lambda v: v.id
)
def test_controls_keep_their_contrast_when_hovered_or_focused(
    browser: Any, course_site: Path, course_url: str, view: View
) -> None:
    problems: list[str] = []
    twins = controls = 0
    with view_context(browser, view) as (context, watch):
        page = context.new_page()
        for rel in site_pages(course_site):
            page.goto(course_url + rel, wait_until="load")
            page.evaluate(SETTLE)
            assert_scheme(page, view, rel)
            page.add_style_tag(content=STILL)
            page.add_script_tag(path=str(AXE))
            twins += page.evaluate(TWIN_RULES)
            controls += page.evaluate("s => document.querySelectorAll(s).length", CONTROLS)
            page.evaluate(ENABLE, CONTROLS)
            for states in STATES:
                page.evaluate(FORCE, [CONTROLS, list(states)])
                violations = page.evaluate(RUN_CONTRAST, CONTROLS)
                name = f"{rel or 'home page'} :{' :'.join(states)}"
                problems.extend(describe_violations(name, view, violations))
    assert twins > 50 and controls > 100, f"{twins} rules with a state, {controls} controls"
    assert not problems, "\n".join(problems)
    watch.assert_clean()
