"""Images and documents in S3-compatible object storage (MEDIA_S3_BUCKET), tested against
a local S3 server the test starts itself (moto's server mode): files go to the bucket,
their text is extracted from there, and a private document is still served only through
Wagtail's serve view, to those who may see it."""

import uuid
from types import SimpleNamespace

import boto3
import pytest
from django.core.files.base import ContentFile
from wagtail.models import Collection, CollectionViewRestriction

from documents.models import PortalDocument
from tests.conftest import free_port
from tests.pdfs import text_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def object_storage(settings, monkeypatch):
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=free_port(), verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{server._port}"
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="eu-north-1")
    # moto keeps its buckets in the process: a name of each test's own.
    bucket = f"baerekraft-media-{uuid.uuid4().hex[:8]}"
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"})
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": endpoint,
                "region_name": "eu-north-1",
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
            },
        },
    }
    yield SimpleNamespace(client=s3, bucket=bucket, endpoint=endpoint)
    server.stop()


def upload(title, collection, text):
    document = PortalDocument(title=title, collection=collection)
    document.file = ContentFile(text_pdf([text]), name=f"{title.lower()}.pdf")
    document._set_document_file_metadata()
    document.save()
    return document


def test_documents_live_in_the_bucket_and_private_ones_stay_private(
    object_storage, client, admin_client, django_capture_on_commit_callbacks
):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Internt (S3)")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    with django_capture_on_commit_callbacks(execute=True):
        public = upload("Offentlig", root, "Alle kan lese dette.")
        secret = upload("Hemmelig", private, "Bare innloggede kan lese dette.")
    keys = {
        item["Key"]
        for item in object_storage.client.list_objects_v2(Bucket=object_storage.bucket)["Contents"]
    }
    assert {public.file.name, secret.file.name} <= keys
    public.refresh_from_db()
    assert "Alle kan lese dette" in public.extracted_text  # read back from the bucket

    assert public.url.startswith("/documents/")  # the serve view, never the bucket
    served = client.get(public.url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content).startswith(b"%PDF")
    assert client.get(secret.url).status_code in (302, 403)
    allowed = admin_client.get(secret.url)
    assert allowed.status_code == 200
    assert b"".join(allowed.streaming_content).startswith(b"%PDF")
    # The bucket does not give the file to someone without credentials.
    anonymous = boto3.client(
        "s3",
        endpoint_url=object_storage.endpoint,
        region_name="eu-north-1",
        aws_access_key_id="someone",
        aws_secret_access_key="else",
    )
    acl = anonymous.get_object_acl(Bucket=object_storage.bucket, Key=secret.file.name)
    assert not any(grant["Grantee"].get("URI", "").endswith("AllUsers") for grant in acl["Grants"])


def test_images_and_their_renditions_go_to_the_bucket(object_storage):
    import wagtail_factories

    image = wagtail_factories.ImageFactory(title="Kantina")
    rendition = image.get_rendition("width-200")
    keys = {
        item["Key"]
        for item in object_storage.client.list_objects_v2(Bucket=object_storage.bucket)["Contents"]
    }
    assert image.file.name in keys and rendition.file.name in keys
    assert "X-Amz-Signature" in rendition.url  # a signed address: the object is private
