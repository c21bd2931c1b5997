"""The served site of the explorer's browser tests: one per test module, built from that
module's PAGES, with its site_url set to where it is served (instant navigation follows only
the sitemap's URLs)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.explorer.sites import write_explorer_site
from tests.support import LOOPBACK, build_site, free_port, serve_directory


@pytest.fixture(scope="module")
def site_port() -> int:
    return free_port()


@pytest.fixture(scope="module")
def site_dir(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, site_port: int
) -> Path:
    root = tmp_path_factory.mktemp(request.module.__name__.rsplit(".", 1)[-1])
    config = write_explorer_site(
        root, request.module.PAGES, site_url=f"http://{LOOPBACK}:{site_port}/"
    )
    build_site(config, strict=True)
    return root / "site"


@pytest.fixture(scope="module")
def site_url(site_dir: Path, site_port: int) -> Iterator[str]:
    with serve_directory(site_dir, site_port) as url:
        yield url
