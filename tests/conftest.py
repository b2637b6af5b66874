"""Fixtures shared by several test modules (a module's own fixture of the same name takes precedence)."""
from __future__ import annotations

import pytest

from wmolab import load


@pytest.fixture(scope="session")
def orgs():
    return load("values_organisations")


@pytest.fixture(scope="session")
def values():
    return load("values_wmo_values")


@pytest.fixture(scope="session")
def pairs():
    return load("values_conflict_pairs")


@pytest.fixture(scope="session")
def typologies():
    return load("values_typologies")
