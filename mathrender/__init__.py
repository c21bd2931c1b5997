"""Build-time math: TeX marked by pymdownx.arithmatex rendered to MathJax SVG during the build."""
