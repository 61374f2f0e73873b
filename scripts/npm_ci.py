"""Installs the packages in package-lock.json into node_modules/ without npm.

`make run` must work on a machine with only python3 and make. When npm is there, the
Makefile uses `npm ci`; otherwise this script does what `npm ci` does for our few
packages, which need no install scripts: it fetches each locked tarball from the npm
registry, refuses any whose sha512 differs from the lock file, and unpacks it."""

import base64
import hashlib
import io
import json
import os
import shutil
import sys
import tarfile
import urllib.request
from pathlib import Path

REGISTRY = os.environ.get("NPM_REGISTRY", "https://registry.npmjs.org").rstrip("/")


def tarball_url(name, version):
    return f"{REGISTRY}/{name}/-/{name.rsplit('/', 1)[-1]}-{version}.tgz"


def verify(data, integrity, name):
    algorithm, _, expected = integrity.partition("-")
    digest = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if digest != expected:
        sys.exit(f"{name}: the download does not match package-lock.json ({integrity})")


def unpack(data, target):
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive.getmembers():
            # Every npm tarball has one top folder (usually "package/"): strip it.
            parts = Path(member.name).parts[1:]
            if not parts or not (member.isfile() or member.isdir()):
                continue
            member.name = str(Path(*parts))
            archive.extract(member, target, filter="data")


def main(root=Path(".")):
    lock = json.loads((root / "package-lock.json").read_text())
    for path, package in lock["packages"].items():
        if not path.startswith("node_modules/"):
            continue
        name = path.removeprefix("node_modules/").split("/node_modules/")[-1]
        url = package.get("resolved") or tarball_url(name, package["version"])
        with urllib.request.urlopen(url, timeout=60) as response:
            data = response.read()
        verify(data, package["integrity"], name)
        unpack(data, root / path)
        print(f"{name}@{package['version']}")


if __name__ == "__main__":
    main()
