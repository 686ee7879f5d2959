"""Background work of matchmaking: rebuild the recommendation index (pages never wait)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task

from . import adapters


def _rebuild() -> None:
    adapters.index_save_default(adapters.index_build())


@db_task()
@lock_task("matchmaking-index")
def index_rebuild_task() -> None:
    _rebuild()


@db_periodic_task(crontab(minute="7"))
@lock_task("matchmaking-index")
def index_rebuild_hourly_task() -> None:
    _rebuild()
