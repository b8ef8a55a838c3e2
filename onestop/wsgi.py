import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onestop.settings")
application = get_wsgi_application()

# Served processes load the Thai dictionary now, not on their first request. With gunicorn
# --preload this happens once in the master and the workers share the memory.
from onestop.intake.lexicon import warm_up  # noqa: E402

warm_up()
