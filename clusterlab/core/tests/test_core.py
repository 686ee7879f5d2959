"""Shared pieces: benchmark percentile, health, API errors, deploy checks, languages."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from clusterlab.core.bench import p95

ROOT = Path(__file__).resolve().parents[3]


def test_p95_is_the_nearest_rank():
    assert p95([]) == 0.0
    assert p95([5.0]) == 5.0
    assert p95([float(i) for i in range(1, 101)]) == 95.0
    assert p95([float(i) for i in range(1, 21)]) == 19.0


@pytest.mark.django_db
def test_health_reports_the_database():
    response = Client().get("/health/")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


@pytest.mark.django_db
def test_api_answers_bad_input_as_json_4xx(cast, clients):
    response = clients.manager_a.patch(
        f"/api/organisations/{cast.org_a.pk}/",
        data='{"founded_year": "soon"}',
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "founded_year" in response.json()
    response = clients.manager_a.post(
        "/api/organisations/", data="{not json", content_type="application/json"
    )
    assert response.status_code == 400


@pytest.mark.django_db
def test_the_interface_switches_to_german(cast):
    client = Client()
    client.post("/i18n/setlang/", {"language": "de", "next": "/directory/"})
    response = client.get("/directory/")
    assert response.status_code == 200
    assert 'lang="de"' in response.content.decode()
    assert "Verzeichnis" in response.content.decode()
    assert "Stuttgart, Deutschland" in response.content.decode()  # country names follow


def test_deploy_checks_pass_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "k" * 64 + "-production-like-secret-value",
        "ALLOWED_HOSTS": "clusterlab.example.org",
        "CLUSTERLAB_VAR_DIR": str(tmp_path),
        "CLUSTERLAB_TESTING": "0",
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests' conftest only
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**os.environ, "DEBUG": "0", "CLUSTERLAB_VAR_DIR": str(tmp_path)}
    env.pop("SECRET_KEY", None)
    env.pop("CLUSTERLAB_DEV", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/directory/?country=%00",
        "/api/organisations/?kind=%00",
        "/api/creative-sets/a%00b/",
        "/clusters/?x=%00",
    ],
)
def test_nul_bytes_are_refused_with_400_not_a_database_error(url):
    assert Client().get(url).status_code == 400


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_inline_script():
    response = Client().get("/directory/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy
    html = response.content.decode()
    assert "onchange=" not in html and 'style="' not in html


@pytest.mark.django_db
def test_uploaded_files_are_not_served():
    assert Client().get("/media/imports/anything.dat").status_code == 404
