from tests.cases.conftest import case, client_person, open_case  # noqa: F401 - for the backup tests
