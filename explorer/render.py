"""The HTML of one explorer: the static fallback figure and the (hidden) live controls.

Everything a reader can read is written here, at build time, in plain Unicode; the
browser script only unhides the controls, fills in numbers and draws the plot.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from explorer.schema import (
    BEST_MEAN,
    OPTIONAL_SLIDERS,
    SIGMA2,
    ExplorerSettings,
    Slider,
)


@dataclass(frozen=True)
class Fallback:
    """The static figure shown without JavaScript: one image per palette."""

    light_src: str | None
    dark_src: str | None
    alt: str
    caption: str


# (key, term, what it is): the numbers the script writes into <dd data-readout=key>.
READOUTS: tuple[tuple[str, str, str], ...] = (
    ("recon", "Reconstruction loss", "−E[log p(x | z)], z ~ q"),
    ("kl", "KL term", "KL(q ‖ p(z))"),
    ("loss", "−ELBO", "reconstruction + KL"),
    ("floor", "−log p(x)", "the floor −ELBO cannot go below"),
    ("gap", "Gap", "log p(x) − ELBO = KL(q ‖ p(z | x))"),
    ("best", "Best σ²", "the variance with the lowest loss"),
)

# True at every slider position: the KL term is lowest at σ² = 1 whatever m and β are, and
# the gap closes at the best σ² only for the posterior mean with β = 1.
HINT = (
    "Move the encoder variance σ². The reconstruction loss rises with σ²; the KL term is "
    "lowest at σ² = 1, the prior's variance. Their sum is lowest at the best σ², marked; the "
    "gap to −log p(x) closes there only when β = 1 and m is the posterior mean."
)


def _number(value: float) -> str:
    return repr(float(value))


def _lowercase_first(label: str) -> str:
    """'Data point' -> 'data point', but 'KL weight' keeps its acronym."""
    return label if label[:2].isupper() else label[:1].lower() + label[1:]


def _slider(root: ET.Element, slider: Slider, base_id: str, initial: float) -> None:
    field = ET.SubElement(root, "div", {"class": f"course-explorer__control is-{slider.name}"})
    input_id = f"{base_id}-{slider.name}"
    label = ET.SubElement(field, "label", {"for": input_id})
    label.text = f"{slider.label} {slider.symbol}"
    ET.SubElement(
        field,
        "input",
        {
            "type": "range",
            "id": input_id,
            "data-param": slider.name,
            "data-scale": slider.scale,
            "min": _number(slider.position_min),
            "max": _number(slider.position_max),
            "step": _number(slider.step),
            "value": _number(slider.position_of(initial)),
        },
    )
    shown = ET.SubElement(
        field, "span", {"class": "course-explorer__value", "data-value-of": slider.name}
    )
    # The input's aria-valuetext already says the value; don't read it twice.
    shown.set("aria-hidden", "true")


def _fallback(root: ET.Element, fallback: Fallback) -> None:
    figure = ET.SubElement(root, "figure", {"class": "course-explorer__fallback"})
    for src, scheme in ((fallback.light_src, "only-light"), (fallback.dark_src, "only-dark")):
        if src is not None:
            ET.SubElement(figure, "img", {"src": f"{src}#{scheme}", "alt": fallback.alt})
    caption = ET.SubElement(figure, "figcaption")
    caption.text = fallback.caption


def render_explorer(settings: ExplorerSettings, element_id: str, fallback: Fallback) -> str:
    """The HTML block that replaces a marker line."""
    # Imported here: NumPy is needed only when an explorer is made (explorer.remembered).
    from coursemath.vae import LinearGaussianModel

    model = LinearGaussianModel(w=settings.w, s2=settings.s2)
    best_mean = float(model.optimal_encoder_mean(settings.x, settings.beta))
    initial_mean = best_mean if settings.m is None else settings.m
    root = ET.Element(
        "div",
        {
            "class": "course-explorer",
            "id": element_id,
            "data-sigma2": _number(settings.sigma2),
            "data-m": BEST_MEAN if settings.m is None else _number(settings.m),
            "data-x": _number(settings.x),
            "data-s2": _number(settings.s2),
            "data-beta": _number(settings.beta),
            "data-w": _number(settings.w),
        },
    )
    _fallback(root, fallback)

    title_id = f"{element_id}-title"
    app = ET.SubElement(
        root,
        "div",
        {"class": "course-explorer__app", "role": "group", "aria-labelledby": title_id},
    )
    app.set("hidden", "hidden")
    title = ET.SubElement(app, "p", {"class": "course-explorer__title", "id": title_id})
    ET.SubElement(title, "strong").text = "ELBO trade-off explorer."
    ET.SubElement(app, "p", {"class": "course-explorer__hint"}).text = HINT
    _slider(app, SIGMA2, element_id, settings.sigma2)
    ET.SubElement(app, "div", {"class": "course-explorer__plot"})
    ET.SubElement(app, "ul", {"class": "course-explorer__legend"})

    readouts = ET.SubElement(app, "dl", {"class": "course-explorer__readouts"})
    for key, term, meaning in READOUTS:
        item = ET.SubElement(readouts, "div", {"data-readout-item": key})
        term_element = ET.SubElement(item, "dt")
        ET.SubElement(term_element, "span", {"data-term": key}).text = term
        ET.SubElement(
            term_element, "span", {"class": "course-explorer__meaning", "data-meaning": key}
        ).text = meaning
        ET.SubElement(item, "dd", {"data-readout": key}).text = "–"

    actions = ET.SubElement(app, "div", {"class": "course-explorer__actions"})
    for action, text in (("optimum", "Jump to optimum"), ("reset", "Reset")):
        button = ET.SubElement(
            actions,
            "button",
            {"type": "button", "class": "course-explorer__button", "data-action": action},
        )
        button.text = text

    if settings.controls:
        more = ET.SubElement(app, "details", {"class": "course-explorer__more"})
        names = ", ".join(
            f"{_lowercase_first(OPTIONAL_SLIDERS[n].label)} {OPTIONAL_SLIDERS[n].symbol}"
            for n in settings.controls
        )
        ET.SubElement(more, "summary").text = f"More controls: {names}"
        initial = {"m": initial_mean, "x": settings.x, "s2": settings.s2, "beta": settings.beta}
        for name in settings.controls:
            slider = OPTIONAL_SLIDERS[name]
            clamped = min(max(initial[name], slider.value_min), slider.value_max)
            _slider(more, slider, element_id, clamped)

    # Announces a summary once the reader pauses, not on every step of a slider.
    status = ET.SubElement(app, "p", {"class": "course-explorer__status", "aria-live": "polite"})
    status.set("data-status", "")
    ET.indent(root, space=" ")  # readable page source; whitespace between blocks is inert
    return ET.tostring(root, encoding="unicode", method="html")
