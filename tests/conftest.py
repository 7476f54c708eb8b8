from __future__ import annotations

from pathlib import Path

import pytest

from hadath.cli import sample_paths

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    """The two bundled seed articles (Xinhua Arabic), by file stem."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sample_paths()}


@pytest.fixture(scope="session")
def seed_000(seed_texts) -> str:
    return seed_texts["000_2df1704be3d1a27b"]


@pytest.fixture(scope="session")
def seed_002(seed_texts) -> str:
    return seed_texts["002_94b390ba3fb48e2a"]
