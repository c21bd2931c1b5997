"""The course's running example, defined once.

The 1-D linear-Gaussian latent variable model p(z) = N(0, 1), p(x | z) = N(w z, s²) with one
observed x. Lessons 14-1 to 14-3 quote it, the figures draw it, the explorer starts from it
and the number checks compute from it: change it here and every stale number in the prose
fails the check.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # NumPy is imported when the model is first used, not with the values
    from coursemath.vae import LinearGaussianModel


@dataclass(frozen=True)
class RunningExample:
    w: float
    s2: float
    x: float

    @property
    def model(self) -> LinearGaussianModel:
        from coursemath.vae import LinearGaussianModel

        return LinearGaussianModel(w=self.w, s2=self.s2)

    @property
    def posterior_mean(self) -> float:
        return float(self.model.posterior(self.x)[0])

    @property
    def posterior_var(self) -> float:
        return float(self.model.posterior(self.x)[1])

    @property
    def evidence_var(self) -> float:
        """The variance of the marginal p(x) = N(0, w² + s²)."""
        return self.w**2 + self.s2

    @property
    def log_evidence(self) -> float:
        return float(self.model.log_evidence(self.x))


RUNNING_EXAMPLE = RunningExample(w=2.0, s2=1.0, x=1.5)
