"""guardian's direct foreign-key object-permission tables for agreements.

Direct foreign keys (instead of guardian's generic content-type rows) give real joins and let the
database delete permission rows with their agreement, so no orphan grants survive a delete.
Only this module and agreements/permissions.py import guardian.
"""

from django.db import models
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase


class AgreementUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey("agreements.Agreement", on_delete=models.CASCADE)


class AgreementGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey("agreements.Agreement", on_delete=models.CASCADE)
