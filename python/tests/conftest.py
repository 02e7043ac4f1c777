import pathlib

import pytest


def pytest_addoption(parser):
    parser.addoption("--cchc-root", default=str(pathlib.Path(__file__).resolve().parents[2]),
                     help="the cchc source tree (for its data)")


@pytest.fixture
def root(request) -> pathlib.Path:
    return pathlib.Path(request.config.getoption("--cchc-root"))


@pytest.fixture
def vinhphuc(root) -> pathlib.Path:
    return root / "examples" / "published" / "vinhphuc-2019"


@pytest.fixture
def hand_worked(root) -> pathlib.Path:
    return root / "tests" / "data" / "hand-worked"
