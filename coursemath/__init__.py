"""The course's maths in pure NumPy: one source of truth for figures, explorer, lessons and checks.

- ``coursemath.vae``: Gaussian densities, KL divergences, the linear-Gaussian model, and
  independent numerical checks (quadrature, Monte Carlo).
- ``coursemath.running_example``: the running example of module 14, defined once.
"""
