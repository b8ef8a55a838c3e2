import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onestop.settings")
application = get_wsgi_application()

# Served processes load the Thai dictionary now, not on their first request. With gunicorn
# --preload this happens once in the master and the workers share the memory.
from onestop.intake.lexicon import warm_up  # noqa: E402

warm_up()

# Everything loaded so far (Django, the URL map, the Thai dictionary's trie) lives as long as
# the process. Freezing it takes it out of the garbage collector's full passes, which otherwise
# walk those millions of objects every few hundred requests (a 50 ms stall each on a card PDF,
# see docs/performance.md), and keeps the pages shared with the master after the fork.
import gc  # noqa: E402

gc.freeze()
