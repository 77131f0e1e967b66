"""One storage contract, checked on the local disk and on S3 (moto's server, over real HTTP)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from botocore.config import Config
from moto.server import ThreadedMotoServer
from pydantic import SecretStr

from backend.config import Settings
from backend.storage import (
    InvalidRange,
    InvalidStorageKey,
    Storage,
    StorageKeyNotFound,
    get_storage,
    validate_key,
    validate_prefix,
)
from backend.storage.keys import asset_prefix, asset_source_key
from backend.storage.local import LocalStorage
from backend.storage.s3 import S3Storage, StorageUnavailable

DATA = bytes(range(256)) * 40  # 10,240 bytes


@pytest.mark.parametrize(
    "key",
    ["assets/0b6f/source.mp4", "a", "clips/x_1/v-2.cover.jpg", "a" * 500, "A.B-C_D/e"],
)
def test_valid_keys(key):
    assert validate_key(key) == key


@pytest.mark.parametrize(
    "key",
    [
        "",
        "../etc/passwd",
        "assets/../../etc/passwd",
        "assets/..",
        "./assets",
        "assets/./x",
        "/etc/passwd",
        "//server/share",
        "assets//x",
        "assets/x/",
        "assets/\x00x",
        "assets\\x",
        "C:\\windows",
        "assets/vidéo.mp4",
        "assets/クリップ",
        "assets/a b",
        "assets/.hidden",
        "assets/x\n",
        "a" * 501,
    ],
)
def test_unsafe_keys_are_refused(key):
    with pytest.raises(InvalidStorageKey):
        validate_key(key)


def test_prefixes_and_built_keys():
    asset_id = uuid.uuid4()
    assert validate_prefix(asset_prefix(asset_id)) == f"assets/{asset_id}/"
    assert asset_source_key(asset_id, "mkv") == f"assets/{asset_id}/source.mkv"
    for prefix in ("", "/", "assets", "../", "assets/../"):
        with pytest.raises(InvalidStorageKey):
            validate_prefix(prefix)
    for extension in ("MP4", "../x", "", "mp4\x00", "a" * 11):
        with pytest.raises(InvalidStorageKey):
            asset_source_key(asset_id, extension)


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture(params=["local", "s3"])
def storage(request, tmp_path, settings: Settings) -> Storage:
    if request.param == "local":
        return get_storage(settings.model_copy(update={"media_dir": tmp_path / "media"}))
    endpoint = request.getfixturevalue("moto_endpoint")
    bucket = f"test-{uuid.uuid4().hex[:12]}"
    s3_settings = settings.model_copy(
        update={
            "storage_backend": "s3",
            "s3_endpoint_url": endpoint,
            "s3_bucket": bucket,
            "s3_access_key_id": "testing",
            "s3_secret_access_key": SecretStr("testing"),
            "s3_timeout_seconds": 5.0,
        }
    )
    boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    ).create_bucket(Bucket=bucket)
    return get_storage(s3_settings)


def test_save_bytes_and_read(storage: Storage):
    storage.save_bytes("assets/a/one.bin", DATA)
    assert storage.exists("assets/a/one.bin")
    assert storage.size("assets/a/one.bin") == len(DATA)
    assert b"".join(storage.open_read("assets/a/one.bin", chunk_size=1000)) == DATA
    assert len(list(storage.open_read("assets/a/one.bin", chunk_size=1000))) >= 10
    storage.save_bytes("assets/a/one.bin", b"replaced")
    assert storage.read_bytes("assets/a/one.bin") == b"replaced"


def test_save_file_and_move_file(storage: Storage, tmp_path: Path):
    source = tmp_path / "upload.part"
    source.write_bytes(DATA * 200)  # 2 MB: several read chunks
    storage.save_file("assets/b/source.mp4", source)
    assert source.exists()
    assert storage.read_bytes("assets/b/source.mp4") == DATA * 200
    storage.move_file("assets/b/copy.mp4", source)
    assert not source.exists()
    assert storage.size("assets/b/copy.mp4") == len(DATA) * 200


def test_read_range(storage: Storage):
    storage.save_bytes("assets/c/v.mp4", DATA)
    assert b"".join(storage.read_range("assets/c/v.mp4", 0, 9)) == DATA[:10]
    assert b"".join(storage.read_range("assets/c/v.mp4", 100, 5000, chunk_size=7)) == DATA[100:5001]
    assert b"".join(storage.read_range("assets/c/v.mp4", 10_000, 99_999)) == DATA[10_000:]
    assert b"".join(storage.read_range("assets/c/v.mp4", len(DATA) - 1, len(DATA) - 1)) == DATA[-1:]
    for start, end in ((len(DATA), len(DATA) + 5), (5, 4), (-1, 3)):
        with pytest.raises(InvalidRange):
            b"".join(storage.read_range("assets/c/v.mp4", start, end))


def test_missing_files(storage: Storage):
    assert not storage.exists("assets/none/x.mp4")
    with pytest.raises(StorageKeyNotFound):
        storage.size("assets/none/x.mp4")
    with pytest.raises(StorageKeyNotFound):
        b"".join(storage.open_read("assets/none/x.mp4"))
    with pytest.raises(StorageKeyNotFound):
        b"".join(storage.read_range("assets/none/x.mp4", 0, 1))
    with pytest.raises(StorageKeyNotFound), storage.local_copy("assets/none/x.mp4"):
        pass
    storage.delete("assets/none/x.mp4")  # missing is fine
    assert storage.delete_prefix("assets/none/") == 0


def test_delete_and_delete_prefix(storage: Storage):
    for key in ("assets/d/source.mp4", "assets/d/frames/1.jpg", "assets/dd/source.mp4"):
        storage.save_bytes(key, b"x")
    storage.delete("assets/d/source.mp4")
    assert not storage.exists("assets/d/source.mp4")
    storage.save_bytes("assets/d/source.mp4", b"x")
    assert storage.delete_prefix("assets/d/") == 2
    assert not storage.exists("assets/d/frames/1.jpg")
    assert storage.exists("assets/dd/source.mp4")  # a sibling with a longer name survives


def test_local_copy(storage: Storage):
    storage.save_bytes("assets/e/source.mkv", DATA)
    with storage.local_copy("assets/e/source.mkv") as path:
        assert path.suffix == ".mkv"
        assert path.read_bytes() == DATA
    if storage.name == "s3":
        assert not path.exists()  # the download is gone after the block
    else:
        assert path.exists()  # the local backend hands out the stored file itself


def test_copy_makes_an_independent_file(storage: Storage, tmp_path: Path):
    storage.save_bytes("assets/f/variants/a/video.mp4", DATA)
    storage.copy("assets/f/variants/a/video.mp4", "assets/f/variants/b/video.mp4")
    assert storage.read_bytes("assets/f/variants/b/video.mp4") == DATA
    # Writing either one afterwards leaves the other as it was (local: a hard link is shared).
    storage.save_bytes("assets/f/variants/a/video.mp4", b"re-rendered")
    assert storage.read_bytes("assets/f/variants/b/video.mp4") == DATA
    replacement = tmp_path / "new.mp4"
    replacement.write_bytes(b"moved in")
    storage.move_file("assets/f/variants/b/video.mp4", replacement)
    assert storage.read_bytes("assets/f/variants/a/video.mp4") == b"re-rendered"
    # A copy over an existing key replaces it; deleting the copy keeps the original.
    storage.copy("assets/f/variants/a/video.mp4", "assets/f/variants/b/video.mp4")
    assert storage.read_bytes("assets/f/variants/b/video.mp4") == b"re-rendered"
    storage.delete("assets/f/variants/b/video.mp4")
    assert storage.read_bytes("assets/f/variants/a/video.mp4") == b"re-rendered"


def test_copying_nothing_is_a_missing_key_and_writes_nothing(storage: Storage):
    with pytest.raises(StorageKeyNotFound):
        storage.copy("assets/g/none.mp4", "assets/g/copy.mp4")
    assert not storage.exists("assets/g/copy.mp4")
    for bad in ("../escape", "vidéo"):
        with pytest.raises(InvalidStorageKey):
            storage.copy(bad, "assets/g/copy.mp4")
        storage.save_bytes("assets/g/real.mp4", DATA)
        with pytest.raises(InvalidStorageKey):
            storage.copy("assets/g/real.mp4", bad)


def test_local_copy_is_private_and_leaves_no_temporary(tmp_path: Path):
    storage = LocalStorage(tmp_path / "media")
    storage.save_bytes("assets/h/a.mp4", DATA)
    storage.copy("assets/h/a.mp4", "assets/h/b.mp4")
    copied = storage.path_for("assets/h/b.mp4")
    assert copied.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in copied.parent.iterdir()) == ["a.mp4", "b.mp4"]


def test_invalid_keys_never_reach_the_backend(storage: Storage, tmp_path: Path):
    source = tmp_path / "f"
    source.write_bytes(b"x")
    for key in ("../escape", "/abs", "a\x00b", "vidéo"):
        for call in (
            lambda k: storage.save_bytes(k, b"x"),
            lambda k: storage.save_file(k, source),
            lambda k: storage.exists(k),
            lambda k: storage.delete(k),
            lambda k: b"".join(storage.open_read(k)),
        ):
            with pytest.raises(InvalidStorageKey):
                call(key)
    with pytest.raises(InvalidStorageKey):
        storage.delete_prefix("")


def test_local_paths_stay_inside_the_root(tmp_path: Path):
    root, outside = tmp_path / "root", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text("secret")
    os.symlink(outside, root / "link")
    storage = LocalStorage(root)
    with pytest.raises(InvalidStorageKey):
        storage.path_for("link/secret.txt")
    with pytest.raises(InvalidStorageKey):
        storage.delete_prefix("link/")
    storage.save_bytes("assets/f/x.bin", b"x")
    assert storage.path_for("assets/f/x.bin") == (root / "assets/f/x.bin").resolve()
    assert [p.name for p in (root / "assets/f").iterdir()] == ["x.bin"]  # no temp files left


def test_s3_client_has_timeouts_and_bounded_retries(settings: Settings):
    s3 = get_storage(
        settings.model_copy(
            update={"storage_backend": "s3", "s3_endpoint_url": "http://127.0.0.1:9"}
        )
    )
    config = s3.client.meta.config  # type: ignore[attr-defined]
    assert config.connect_timeout == 10.0
    assert config.read_timeout == settings.s3_timeout_seconds
    assert config.retries["total_max_attempts"] == 4
    assert config.retries["mode"] == "standard"


def test_unreachable_bucket_is_a_typed_error():
    client = boto3.client(
        "s3",
        endpoint_url="http://127.0.0.1:9",  # discard port: nothing listens
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=Config(connect_timeout=1, retries={"total_max_attempts": 1}),
    )
    storage = S3Storage(client, "bucket")
    with pytest.raises(StorageUnavailable):
        storage.size("assets/x/source.mp4")
    with pytest.raises(StorageUnavailable):
        storage.delete_prefix("assets/x/")


def test_local_files_and_folders_are_private(tmp_path: Path):
    previous = os.umask(0o022)  # a permissive caller: the modes must not depend on it
    try:
        storage = LocalStorage(tmp_path / "media")
        storage.save_bytes("assets/a1/source.mp4", b"video")
        upload = tmp_path / "upload.part"
        upload.write_bytes(b"moved")
        storage.move_file("assets/a1/moved.mp4", upload)
        copied = tmp_path / "copy.bin"
        copied.write_bytes(b"copied")
        storage.save_file("clips/c1/video.mp4", copied)
    finally:
        os.umask(previous)
    for key in ("assets/a1/source.mp4", "assets/a1/moved.mp4", "clips/c1/video.mp4"):
        assert storage.path_for(key).stat().st_mode & 0o777 == 0o600, key
    for folder in ("media/assets", "media/assets/a1", "media/clips/c1"):
        assert (tmp_path / folder).stat().st_mode & 0o777 == 0o700, folder
