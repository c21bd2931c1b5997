"""The interactive ELBO trade-off explorer: a marker in a lesson becomes a live plot.

Build side (Python): validate ``<!-- explorer: ... -->`` markers and expand them to HTML.
Browser side (assets/explorer.js): the closed-form model of ``coursemath.vae``
in plain JavaScript, drawn as SVG.
"""
