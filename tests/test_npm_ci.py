"""The npm-free installer behind `make run` on a machine without npm."""

import base64
import hashlib
import io
import tarfile

import pytest

from scripts.npm_ci import unpack, verify


def tarball(files):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, content in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


def integrity_of(data):
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def test_a_tarball_that_differs_from_the_lock_file_is_refused():
    data = tarball({"package/index.css": b"a{}"})
    verify(data, integrity_of(data), "ok")
    with pytest.raises(SystemExit, match="does not match"):
        verify(data + b"x", integrity_of(data), "tampered")


def test_unpack_strips_the_top_folder(tmp_path):
    unpack(tarball({"package/dist/index.css": b"a{}"}), tmp_path / "pkg")
    assert (tmp_path / "pkg" / "dist" / "index.css").read_bytes() == b"a{}"


def test_unpack_refuses_paths_that_leave_the_target(tmp_path):
    with pytest.raises(tarfile.OutsideDestinationError):
        unpack(tarball({"package/../../evil": b"x"}), tmp_path / "pkg")
    assert not (tmp_path / "evil").exists()
