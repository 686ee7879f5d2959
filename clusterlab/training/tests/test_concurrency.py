"""Two people recording a session's attendance at once log each attendance once."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, transaction

from clusterlab.registry.models import ServiceRecord
from clusterlab.training import services
from conftest import make_user

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # A transactional test before this one emptied the database, reference data included.
    pytest.mark.usefixtures("reference_data"),
    # SQLite's in-memory test database is not shared between threads' connections, and SQLite
    # serialises writers anyway: the row lock this test proves is PostgreSQL's.
    pytest.mark.skipif(connection.vendor == "sqlite", reason="needs PostgreSQL"),
]


def test_concurrent_attendance_records_log_the_service_once(cast):
    trainer = make_user("trainer_t", is_trainer=True)
    today = dt.date.today()
    module = services.module_create(
        actor=trainer, data={"title": "M", "summary": "S", "format": "workshop"}
    )
    programme = services.programme_create(
        actor=trainer,
        data={
            "title": "Academy",
            "cluster": cast.cluster_a,
            "starts_on": today - dt.timedelta(days=5),
            "ends_on": today,
        },
    )
    session = services.session_add(
        actor=trainer, programme=programme, module=module, date=today - dt.timedelta(days=1)
    )
    cast.manager_a.organisation = cast.org_a
    cast.manager_a.save()
    enrolment = services.enrolment_create(
        actor=trainer, programme=programme, participant=cast.manager_a
    )
    services.attendance_record(actor=trainer, session=session, present=set())  # rows exist
    first_written, errors = threading.Event(), []

    def first():
        try:
            with transaction.atomic():
                services.attendance_record(actor=trainer, session=session, present={enrolment.pk})
                first_written.set()
                # Hold the transaction open while the second recorder starts.
                threading.Event().wait(1.0)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            first_written.set()
            connection.close()

    def second():
        try:
            first_written.wait(10)
            services.attendance_record(
                actor=cast.manager_a, session=session, present={enrolment.pk}
            )
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert ServiceRecord.objects.filter(kind="training").count() == 1
