"""The course's shared authoring core: what every course plugin needs, written once.

- ``source``: source texts, locations and the path as the author sees it;
- ``problems``: the one problem type and the one report format;
- ``files``: atomic writes and content hashes;
- ``yamlsource``: YAML read with line and column numbers, duplicate keys and aliases refused;
- ``schema``: validation with MkDocs' config options that reports every bad key;
- ``markers``: block markers (``<!-- name: ... -->``) found by Python-Markdown, near misses refused;
- ``report``: one report of every plugin's problems per build, raised before any page is written;
- ``plugin``: the base class of the course plugins (order check, report, last good pages);
- ``check``: ``python -m authoring check``, every author-facing validation without a site.
"""
