"""Configuration of the course-quiz plugin (mkdocs.yml ``plugins: - course-quiz``)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class QuizPluginConfig(base.Config):
    enabled = c.Type(bool, default=True)
    # The plugin whose renderer checks TeX in quiz text (the same MathJax as the pages).
    math_plugin = c.Type(str, default="course-math")
