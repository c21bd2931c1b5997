"""The names a number claim's expression may use, defined once.

- every public function of ``coursemath.vae`` (``kl_gaussians``, ``kl_to_standard_normal``,
  ``decoder_var_for_squared_error_weight``...) and of ``coursemath.estimators``
  (``prior_sampling_relative_variance``...), called by name;
- ``running``: the course's running example (coursemath.running_example.RUNNING_EXAMPLE),
  with ``running.w``, ``running.s2``, ``running.x``, ``running.posterior_mean``,
  ``running.posterior_var``, ``running.evidence_var``, ``running.log_evidence`` and
  ``running.model``, the LinearGaussianModel whose methods may be called
  (``running.model.gap(running.x, 1, 0.2)``, ``running.model.elbo(...)``);
- ``model(w=..., s2=...)``: a LinearGaussianModel with other parameters;
- ``figure_params("jensen")``: a figure's parameters from figures_src/catalog.yml, as
  plain data (``figure_params("jensen")["points"][0]``);
- ``log``, ``exp``, ``sqrt``, ``abs``, ``mean``, ``pi``: natural logarithm and friends,
  elementwise on lists and arrays.

Nothing else: no modules, no builtins. ``guarantees.evaluator`` enforces it.
"""

from __future__ import annotations

import copy
import inspect
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from authoring.problems import ProblemsFound
from authoring.source import SourceText
from authoring.yamlsource import Mapping, plain, read_yaml
from coursemath import estimators, running_example, vae
from coursemath.running_example import RunningExample
from coursemath.vae import LinearGaussianModel
from guarantees.catalog import CATALOG, catalog_path
from guarantees.evaluator import Namespace

MATHS: dict[str, object] = {
    "log": np.log,
    "exp": np.exp,
    "sqrt": np.sqrt,
    "abs": np.abs,
    "mean": np.mean,
    "pi": float(np.pi),
}


COURSE_MATHS = (vae, estimators)


def _course_functions() -> dict[str, object]:
    """The public functions of the course maths modules, by name."""
    return {
        name: value
        for module in COURSE_MATHS
        for name, value in vars(module).items()
        if inspect.isfunction(value)
        and not name.startswith("_")
        and value.__module__ == module.__name__
    }


@cache
def _figure_catalog(path: Path, modified: int) -> dict[str, Any]:
    """The catalog as plain data (read again when the file changes: ``modified``)."""
    source = SourceText(str(path), path.read_text(encoding="utf-8"))
    node = read_yaml(source)
    if not isinstance(node, Mapping):
        return {}
    catalog = plain(node)
    assert isinstance(catalog, dict)
    return catalog


def figure_params_reader(root: Path) -> Callable[[str], dict[str, Any]]:
    """``figure_params(name)``: the params of job ``name`` in the course's figure catalog."""
    path = catalog_path(root)

    def figure_params(name: str) -> dict[str, Any]:
        try:
            catalog = _figure_catalog(path, path.stat().st_mtime_ns)
        except (OSError, ProblemsFound) as exc:
            raise ValueError(f"the figure catalog {path} cannot be read: {exc}") from None
        job = catalog.get(name)
        if not isinstance(job, dict):
            known = ", ".join(sorted(str(key) for key in catalog))
            raise ValueError(f"no figure job {name!r} in {CATALOG.as_posix()} (known: {known})")
        params = job.get("params", {})
        return copy.deepcopy(params) if isinstance(params, dict) else {}

    return figure_params


def claims_namespace(root: Path) -> Namespace:
    """The namespace of every claim of the course whose mkdocs.yml is in ``root``."""
    functions = _course_functions()
    figure_params = figure_params_reader(root)
    names: dict[str, object] = {
        **functions,
        **MATHS,
        "running": running_example.RUNNING_EXAMPLE,
        "model": LinearGaussianModel,
        "figure_params": figure_params,
    }
    maths = [value for value in MATHS.values() if callable(value)]
    callables = frozenset([*functions.values(), *maths, LinearGaussianModel, figure_params])
    return Namespace(names, callables, classes=(LinearGaussianModel, RunningExample))
