from django.conf import settings

from accounts.models import OrgUnit
from core.db_router import ReplicaRouter, replica_reads


def test_reads_go_to_the_replica_only_inside_replica_views(monkeypatch):
    # Only the router looks: an alias in the dict is enough (no connection is opened).
    monkeypatch.setitem(settings.DATABASES, "replica", dict(settings.DATABASES["default"]))
    router = ReplicaRouter()
    assert router.db_for_read(OrgUnit) is None
    with replica_reads():
        assert router.db_for_read(OrgUnit) == "replica"
        assert router.db_for_write(OrgUnit) == "default"
    assert router.db_for_read(OrgUnit) is None


def test_without_a_replica_everything_reads_from_the_primary():
    with replica_reads():
        assert ReplicaRouter().db_for_read(OrgUnit) is None


def test_only_the_primary_is_migrated():
    assert ReplicaRouter().allow_migrate("default", "accounts")
    assert not ReplicaRouter().allow_migrate("replica", "accounts")


def test_the_admin_sign_in_goes_through_allauth(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
