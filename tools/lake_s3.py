"""A throw-away S3-compatible object store for a lake's data (BW_LAKE_DATA=s3://…), on 127.0.0.1.

It is moto's server (``pip install moto[server]``, in requirements-dev.txt) on a free port, with
a bucket and one user whose access key the store checks: after the setup every request must be
signed with that key, as on a real object store, so wrong credentials are refused.

    python tools/lake_s3.py start      # prints the BW_LAKE_DATA/AWS_*/BW_LAKE_S3_* to export
    python tools/lake_s3.py stop PID   # stops it

For a developer's machine and CI only: the data live in the server's memory and are gone when
it stops.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

#: The bucket every started server holds.
BUCKET = "bw-lake"
#: How long the server may take to answer after it was started.
START_SECONDS = 30
_USER = "bw-lake"
_REGION = "us-east-1"
_POLICY = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}],
}


@dataclass
class ObjectStore:
    """A running server: where it listens, its bucket and the key it accepts."""

    process: subprocess.Popen[bytes]
    endpoint: str  # host:port
    key_id: str = field(repr=False)
    secret: str = field(repr=False)
    bucket: str = BUCKET
    region: str = _REGION

    def environment(self, prefix: str = "lake/") -> dict[str, str]:
        """The variables a bw process needs for a lake with its data under ``prefix``."""
        return {
            "BW_LAKE_DATA": f"s3://{self.bucket}/{prefix}",
            "AWS_ACCESS_KEY_ID": self.key_id,
            "AWS_SECRET_ACCESS_KEY": self.secret,
            "AWS_REGION": self.region,
            "BW_LAKE_S3_ENDPOINT": self.endpoint,
            "BW_LAKE_S3_URL_STYLE": "path",
            "BW_LAKE_S3_USE_SSL": "0",
        }

    def stop(self) -> None:
        """Stop the server (and wait for it, so its port is free again)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def available() -> bool:
    """Whether moto's server and boto3 (to set it up) are installed."""
    return all(importlib.util.find_spec(name) for name in ("moto", "flask", "boto3"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except OSError:
        return False


def _launch(log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """moto's server on a free port, answering; tries another port when one was taken."""
    for _ in range(3):
        port = _free_port()
        with log.open("ab") as output:
            process = subprocess.Popen(
                [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline and process.poll() is None:
            if _answers(f"http://127.0.0.1:{port}/moto-api/data.json"):
                return process, f"127.0.0.1:{port}"
            time.sleep(0.2)
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
    raise RuntimeError(f"moto's server did not start; its log is {log}")


def start(log: Path | None = None) -> ObjectStore:
    """Start a server with the bucket and a user; from then on it checks every signature."""
    import boto3  # a test dependency (moto's), never bw's: only the set-up uses it

    log = log or Path(tempfile.mkstemp(prefix="bw-lake-s3-", suffix=".log")[1])
    process, endpoint = _launch(log)
    try:
        setup = {
            "endpoint_url": f"http://{endpoint}",
            "region_name": _REGION,
            "aws_access_key_id": "setup",
            "aws_secret_access_key": "setup",
        }
        iam = boto3.client("iam", **setup)
        iam.create_user(UserName=_USER)
        iam.put_user_policy(UserName=_USER, PolicyName="lake", PolicyDocument=json.dumps(_POLICY))
        key = iam.create_access_key(UserName=_USER)["AccessKey"]
        boto3.client("s3", **setup).create_bucket(Bucket=BUCKET)
        request = urllib.request.Request(
            f"http://{endpoint}/moto-api/reset-auth",
            data=b"0",
            method="POST",
            headers={"Content-Type": "text/plain"},  # not a form: moto reads the raw body
        )
        with urllib.request.urlopen(request, timeout=10):
            pass
    except BaseException:
        process.kill()
        process.wait(timeout=10)
        raise
    return ObjectStore(process, endpoint, key["AccessKeyId"], key["SecretAccessKey"])


@contextmanager
def running(log: Path | None = None) -> Iterator[ObjectStore]:
    """A started server for the block, stopped afterwards whatever happened."""
    started = start(log)
    try:
        yield started
    finally:
        started.stop()


def main(argv: list[str] | None = None) -> int:
    """Start a server (printing what to export) or stop one by its process id."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    verbs = parser.add_subparsers(dest="verb", required=True)
    verbs.add_parser("start", help="start a server, print the settings to export")
    stopping = verbs.add_parser("stop", help="stop a server started by `start`")
    stopping.add_argument("pid", type=int)
    args = parser.parse_args(argv)
    if args.verb == "start":
        started = start()
        for name, value in started.environment().items():
            print(f"{name}='{value}'")
        print(f"BW_LAKE_S3_PID={started.process.pid}")
        return 0
    os.kill(args.pid, signal.SIGTERM)
    return 0


if __name__ == "__main__":
    sys.exit(main())
