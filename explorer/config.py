"""The plugin's options in mkdocs.yml (``plugins: - course-explorer: ...``)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

DEFAULT_ALT = (
    "Reconstruction loss, KL term and their sum −ELBO plotted against the encoder variance "
    "σ² on a log scale: the reconstruction loss rises with σ², the KL term falls, and −ELBO "
    "is lowest at the true posterior variance."
)
DEFAULT_CAPTION = (
    "The two terms of −ELBO trade off as the encoder variance σ² moves, in a one-dimensional "
    "linear-Gaussian model. With JavaScript on, an interactive explorer replaces this figure."
)


class ExplorerConfig(base.Config):
    # The static figure each explorer shows without JavaScript, made by the figure
    # pipeline; paths are relative to docs_dir.
    fallback_light = c.Type(str, default="assets/generated/figures/elbo-tradeoff-light.svg")
    fallback_dark = c.Type(str, default="assets/generated/figures/elbo-tradeoff-dark.svg")
    fallback_alt = c.Type(str, default=DEFAULT_ALT)
    fallback_caption = c.Type(str, default=DEFAULT_CAPTION)
