"""Background work of the Greenbook: rendering an edition's PDF."""

from huey.contrib.djhuey import db_task

from . import rendering


@db_task()
def edition_render_task(job_id: int) -> None:
    rendering.render_execute(job_id=job_id)
