"""Fixtures shared by the whole suite: each dataset is loaded once per test session (per xdist worker).

The tables are shared between test modules, so a test that changes one works on a ``.copy()``.
A module's own fixture of the same name takes precedence.
"""
from __future__ import annotations

import pytest

from wmolab import load


@pytest.fixture(scope="session")
def dataset():
    """``dataset(name)``: :func:`wmolab.load` with a session cache."""
    cache: dict[str, object] = {}

    def get(name: str):
        if name not in cache:
            cache[name] = load(name)
        return cache[name]

    return get


# lessons 01-02
@pytest.fixture(scope="session")
def orgs(dataset):
    return dataset("values_organisations")


@pytest.fixture(scope="session")
def values(dataset):
    return dataset("values_wmo_values")


@pytest.fixture(scope="session")
def pairs(dataset):
    return dataset("values_conflict_pairs")


@pytest.fixture(scope="session")
def typologies(dataset):
    return dataset("values_typologies")


# lesson 03
@pytest.fixture(scope="session")
def plans(dataset):
    return dataset("steering_plans")


@pytest.fixture(scope="session")
def words(dataset):
    return dataset("steering_signal_words")


# lesson 04
@pytest.fixture(scope="session")
def coding(dataset):
    return dataset("cases_coding")


@pytest.fixture(scope="session")
def verdicts(dataset):
    return dataset("cases_verdicts")


@pytest.fixture(scope="session")
def evidence(dataset):
    return dataset("cases_evidence")


# lesson 06
@pytest.fixture(scope="session")
def long():
    """The voice survey in tidy form (one row per answer)."""
    from wmolab.voice import load_survey

    return load_survey()


# lesson 07
@pytest.fixture(scope="session")
def capstone_data():
    from wmolab.capstone import load_capstone_data

    return load_capstone_data()
