"""No orphan object-permission rows: guardian's direct foreign keys cascade with the agreement
or the group (a generic object_pk column would not)."""

import pytest
from django.contrib.auth.models import Group

from agreements.models import AgreementGroupObjectPermission, AgreementUserObjectPermission
from agreements.services.parties import agreement_grants_sync
from jurisdictions.models import OrganizationRole
from tests.factories import AgreementFactory, PartyFactory, UserFactory

pytestmark = pytest.mark.django_db


def granted_agreement():
    agreement = AgreementFactory()
    PartyFactory(agreement=agreement)
    PartyFactory(agreement=agreement)
    agreement_grants_sync(agreement=agreement)
    return agreement


def test_no_rows_remain_when_agreement_is_deleted():
    agreement = granted_agreement()
    kept = granted_agreement()
    user = UserFactory()
    AgreementUserObjectPermission.objects.create(
        content_object=agreement,
        user=user,
        permission=AgreementGroupObjectPermission.objects.first().permission,
    )
    kept_rows = AgreementGroupObjectPermission.objects.filter(content_object=kept).count()
    assert AgreementGroupObjectPermission.objects.filter(content_object=agreement).exists()
    agreement_pk = agreement.pk
    agreement.delete()
    assert not AgreementGroupObjectPermission.objects.filter(
        content_object_id=agreement_pk
    ).exists()
    assert not AgreementUserObjectPermission.objects.filter(content_object_id=agreement_pk).exists()
    assert AgreementGroupObjectPermission.objects.filter(content_object=kept).count() == kept_rows


def test_no_rows_remain_when_group_is_deleted():
    agreement = granted_agreement()
    role = OrganizationRole.objects.filter(role=OrganizationRole.Role.LIAISON).first()
    group_pk = role.group_id
    assert AgreementGroupObjectPermission.objects.filter(group_id=group_pk).exists()
    Group.objects.get(pk=group_pk).delete()
    assert not AgreementGroupObjectPermission.objects.filter(group_id=group_pk).exists()
    assert not OrganizationRole.objects.filter(pk=role.pk).exists()
    assert AgreementGroupObjectPermission.objects.filter(content_object=agreement).exists()
