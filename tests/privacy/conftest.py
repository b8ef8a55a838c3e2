from tests.cases.conftest import case, client_person, open_case  # noqa: F401 - the case fixtures
from tests.events.conftest import make_event  # noqa: F401 - for the retention tests
from tests.volunteers.conftest import apply  # noqa: F401 - for the retention tests
