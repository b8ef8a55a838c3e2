from tests.cases.conftest import client_person, open_case  # noqa: F401 - the case fixtures
