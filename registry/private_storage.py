"""File storage for files only some people may read (report attachments).

A FileSystemStorage under settings.PRIVATE_MEDIA_ROOT that has no URL: asking for one raises, so
no template or serializer can ever link to a private file directly. Views that check permissions
stream the files instead (e.g. agreements.views.reports).
"""

from django.core.files.storage import FileSystemStorage

NO_URL = "Private files have no URL: serve them through a view that checks permissions."


class PrivateFileSystemStorage(FileSystemStorage):
    def url(self, name):
        raise ValueError(NO_URL)
