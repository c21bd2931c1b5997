"""Material's search index, each page's entries remembered across builds.

The search plugin reads every page's HTML with ``html.parser`` on every build: at 100 lessons
it was the largest single cost of a warm build (about a third). A page's entries are a pure
function of what ``SearchIndex.add_entry_from_context`` reads: the page's content as indexed,
its URL, title, table of contents and front matter (``search``, ``tags``, ``title``), and
Material's code. ``RememberedSearchIndex`` keys the entries on all of these (and on the code
of the search plugin, so an upgrade of Material computes them again) and stores them in an
``authoring.memo.Memo``; a page that changed is read by Material as before. The index a
build writes is the one Material writes (tests/authoring/test_searchmemo.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import material
from material.plugins.search import plugin as search
from mkdocs.config.defaults import MkDocsConfig

from authoring.files import sha256
from authoring.memo import Memo, code_fingerprint
from authoring.source import project_root

NAME = "search"
_FIELDS = {"location", "title", "text", "tags", "boost"}


def search_memo(root: Path | None) -> Memo:
    code = code_fingerprint("material.plugins.search.plugin", "authoring.searchmemo")
    return Memo(NAME, root, f"{code} material {material.__version__}")


def _toc(items: Any) -> list[Any]:
    # What _find_toc_by_id reads of each item: its id, its URL and its children.
    return [[item.id, item.url, _toc(item.children)] for item in items]


def _page_inputs(page: Any) -> list[Any]:
    meta = page.meta
    return [
        sha256(page.content or ""),
        page.url,
        str(page.title),
        # Front matter may hold any YAML value (dates...): its repr is stable for one text.
        repr(meta.get("search")),
        repr(meta.get("tags")),
        repr(meta.get("title")),
        _toc(page.toc),
        search.jieba is not None,
    ]


def _is_entry(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and {"location", "title", "text"} <= value.keys() <= _FIELDS
        and all(isinstance(value[k], str) for k in ("location", "title", "text"))
        and isinstance(value.get("tags", []), list)
        and all(isinstance(tag, str) for tag in value.get("tags", []))
    )


def _is_entries(value: Any) -> bool:
    return isinstance(value, list) and all(map(_is_entry, value))


class RememberedSearchIndex(search.SearchIndex):  # type: ignore[misc]
    """Material's index, which reads a page only when its entries are not remembered."""

    def __init__(self, memo: Memo, **config: Any) -> None:
        super().__init__(**config)
        self.memo = memo

    def add_entry_from_context(self, page: Any) -> None:
        key = self.memo.key(_page_inputs(page))
        entries = self.memo.get(key, _is_entries)
        if entries is not None:
            # Copies: the remembered lists outlive this build under `mkdocs serve`.
            self.entries.extend(
                {k: list(v) if isinstance(v, list) else v for k, v in entry.items()}
                for entry in entries
            )
            return
        first = len(self.entries)
        super().add_entry_from_context(page)
        self.memo.put(key, self.entries[first:])


def remember_search_entries(config: MkDocsConfig) -> None:
    """Give Material's search plugin, if the site uses it, a ``RememberedSearchIndex``.

    Called for every page (cheap when done): the plugin makes a new index in each build's
    on_config, and this must come after it.
    """
    for plugin in config.plugins.values():
        if not isinstance(plugin, search.SearchPlugin) or not plugin.config.enabled:
            continue
        index: Any = getattr(plugin, "search_index", None)
        # Material's own index only: one another plugin made is that plugin's business.
        if type(index) is not search.SearchIndex:
            continue
        remembered = RememberedSearchIndex(search_memo(project_root(config)), **index.config)
        remembered.entries = index.entries
        plugin.search_index = remembered
