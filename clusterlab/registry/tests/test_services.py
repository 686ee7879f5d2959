"""Services: the one write path. Each refuses the wrong actor and leaves data unchanged."""

import datetime as dt

import pytest

from clusterlab.core.errors import DomainError, NotAllowed
from clusterlab.registry import services
from clusterlab.registry.enums import MembershipStatus
from clusterlab.registry.models import (
    Contact,
    CreativeDefinitionSet,
    Membership,
    NaceSector,
    NetworkSettings,
    Organisation,
)

pytestmark = pytest.mark.django_db


def test_creative_flag_follows_sectors_and_the_chosen_definition_set(cast):
    assert cast.org_a.is_creative is True  # 74.10 design is in both shipped sets
    assert cast.org_b.is_creative is False  # 13.20 weaving is in neither
    services.organisation_update(
        actor=cast.manager_a,
        organisation=cast.org_a,
        data={"sectors": [NaceSector.objects.get(code="62.01")]},
    )
    cast.org_a.refresh_from_db()
    assert cast.org_a.is_creative is False  # programming is not in the Eurostat set
    dcms = CreativeDefinitionSet.objects.get(slug="dcms-creative")
    services.network_creative_set_choose(actor=cast.coordinator, definition_set=dcms)
    cast.org_a.refresh_from_db()
    assert cast.org_a.is_creative is True  # …but it is in the DCMS set
    assert NetworkSettings.current().default_creative_set == dcms


def test_only_the_coordinator_chooses_the_creative_set(cast):
    dcms = CreativeDefinitionSet.objects.get(slug="dcms-creative")
    with pytest.raises(NotAllowed):
        services.network_creative_set_choose(actor=cast.manager_a, definition_set=dcms)
    assert NetworkSettings.current().default_creative_set.slug == "eurostat-cultural"


def test_another_clusters_manager_cannot_update_an_organisation(cast):
    with pytest.raises(NotAllowed):
        services.organisation_update(
            actor=cast.manager_b, organisation=cast.org_a, data={"name": "Hijacked"}
        )
    cast.org_a.refresh_from_db()
    assert cast.org_a.name == "Alpha Design GmbH"


def test_a_member_edits_its_own_organisation_only(cast):
    services.organisation_update(
        actor=cast.member_a, organisation=cast.org_a, data={"city": "Esslingen"}
    )
    assert Organisation.objects.get(pk=cast.org_a.pk).city == "Esslingen"
    with pytest.raises(NotAllowed):
        services.organisation_update(
            actor=cast.member_a, organisation=cast.org_a_public, data={"city": "Esslingen"}
        )


def test_region_must_lie_in_the_country(cast):
    from clusterlab.registry.models import NutsRegion

    with pytest.raises(DomainError) as error:
        services.organisation_update(
            actor=cast.manager_a,
            organisation=cast.org_a,
            data={"region": NutsRegion.objects.get(code="FRE11")},
        )
    assert error.value.field == "region"
    cast.org_a.refresh_from_db()
    assert cast.org_a.region_id == "DE111"


def test_ending_a_membership_keeps_it_with_a_date(cast):
    membership = Membership.objects.get(cluster=cast.cluster_a, organisation=cast.org_a)
    services.membership_remove(actor=cast.manager_a, membership=membership)
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.LEFT
    assert membership.left is not None
    with pytest.raises(NotAllowed):
        services.membership_update(
            actor=cast.manager_b, membership=membership, status=MembershipStatus.ACTIVE
        )
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.LEFT


def test_membership_cannot_end_before_it_began(cast):
    membership = Membership.objects.get(cluster=cast.cluster_a, organisation=cast.org_a)
    with pytest.raises(DomainError):
        services.membership_update(
            actor=cast.manager_a,
            membership=membership,
            status=MembershipStatus.LEFT,
            joined=dt.date(2026, 5, 1),
            left=dt.date(2026, 1, 1),
        )


def test_service_log_only_for_members_and_not_in_the_future(cast):
    with pytest.raises(DomainError):
        services.service_record(
            actor=cast.manager_a,
            cluster=cast.cluster_a,
            organisation=cast.org_b,
            kind="advice",
            date=dt.date(2026, 1, 1),
        )
    with pytest.raises(DomainError):
        services.service_record(
            actor=cast.manager_a,
            cluster=cast.cluster_a,
            organisation=cast.org_a,
            kind="advice",
            date=dt.date.today() + dt.timedelta(days=3),
        )
    with pytest.raises(NotAllowed):
        services.service_record(
            actor=cast.manager_b,
            cluster=cast.cluster_a,
            organisation=cast.org_a,
            kind="advice",
            date=dt.date(2026, 1, 1),
        )
    assert cast.cluster_a.services.count() == 1


def test_contact_export_contains_everything_held(cast):
    data = services.contact_export(actor=cast.manager_a, contact=cast.contact_a)
    assert data["email"] == "anna@alpha.example"
    assert data["phone"] == "+49 711 1234"
    assert [c["purpose"] for c in data["consents"]] == ["network_contact"]
    assert data["consents"][0]["source"] == "membership form"
    assert data["history"][0]["email"] == "anna@alpha.example"
    with pytest.raises(NotAllowed):
        services.contact_export(actor=cast.manager_b, contact=cast.contact_a)


def test_erasure_anonymises_record_and_history_and_keeps_counts(cast):
    services.contact_update(
        actor=cast.manager_a, contact=cast.contact_a, data={"phone": "+49 711 9999"}
    )
    before = Contact.objects.filter(organisation=cast.org_a).count()
    services.contact_erase(actor=cast.member_a, contact=cast.contact_a)
    contact = Contact.objects.get(pk=cast.contact_a.pk)
    assert (contact.first_name, contact.email, contact.phone) == ("Erased", "", "")
    assert contact.erased_at is not None
    assert Contact.objects.filter(organisation=cast.org_a).count() == before
    history = list(
        Contact.history.filter(id=contact.pk).values_list("first_name", "email", "phone")
    )
    assert len(history) == 2  # created, then changed: the events stay, the person does not
    assert all(row == ("Erased", "", "") for row in history)
    consent = contact.consents.get()
    assert consent.withdrawn_at is not None and consent.source == ""
    with pytest.raises(DomainError):
        services.contact_update(actor=cast.manager_a, contact=contact, data={"email": "x@y.z"})


def test_erasure_by_another_cluster_is_refused(cast):
    with pytest.raises(NotAllowed):
        services.contact_erase(actor=cast.manager_b, contact=cast.contact_a)
    assert Contact.objects.get(pk=cast.contact_a.pk).email == "anna@alpha.example"


def test_changes_keep_who_when_what(cast):
    from clusterlab.registry.selectors import organisation_history

    services.organisation_update(
        actor=cast.manager_a, organisation=cast.org_a, data={"city": "Esslingen"}
    )
    changes = organisation_history(organisation=cast.org_a)
    latest = next(c for c in changes if c["object"] == "Organisation")
    assert latest["user"] == cast.manager_a
    assert ("city", "Stuttgart", "Esslingen") in latest["changes"]


def test_notes_are_for_the_clusters_own_members(cast):
    with pytest.raises(DomainError):
        services.note_add(
            actor=cast.manager_a,
            cluster=cast.cluster_a,
            organisation=cast.org_b,
            text="not my member",
        )
    with pytest.raises(NotAllowed):
        services.note_add(
            actor=cast.manager_b, cluster=cast.cluster_a, organisation=cast.org_a, text="snooping"
        )
    with pytest.raises(DomainError):
        services.note_add(
            actor=cast.manager_a, cluster=cast.cluster_a, organisation=cast.org_a, text="   "
        )
    assert cast.org_a.notes.count() == 0


def test_history_costs_a_fixed_number_of_queries(cast, django_assert_max_num_queries):
    from clusterlab.registry.selectors import organisation_history

    for city in ("Ulm", "Esslingen", "Stuttgart", "Ulm"):
        services.organisation_update(
            actor=cast.manager_a, organisation=cast.org_a, data={"city": city}
        )
    with django_assert_max_num_queries(6):
        changes = organisation_history(organisation=cast.org_a, user=cast.manager_a)
    assert [c["changes"] for c in changes if c["object"] == "Organisation"][0] == [
        ("city", "Stuttgart", "Ulm")
    ]


def test_history_hides_other_clusters_memberships(cast):
    from clusterlab.registry.selectors import organisation_history

    services.membership_add(actor=None, cluster=cast.cluster_b, organisation=cast.org_a)
    seen_by_a = organisation_history(organisation=cast.org_a, user=cast.manager_a)
    assert {c["label"] for c in seen_by_a if c["object"] == "Membership"} == {"Design Cluster A"}
