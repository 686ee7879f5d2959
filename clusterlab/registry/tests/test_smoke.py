import pytest

pytestmark = pytest.mark.django_db


def test_directory_lists_only_public_organisations_to_a_visitor(cast, clients):
    response = clients.visitor.get("/directory/")
    assert response.status_code == 200
    names = [o.name for o in response.context["organisations"]]
    assert names == ["Atelier Public GmbH"]
