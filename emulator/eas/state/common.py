"""Times, ids, regions and the account, shared by the EAS state modules."""

from __future__ import annotations

import calendar
import hashlib
import os
import re
import secrets
import string
import time

TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
DEFAULT_REGION = "cn-shanghai"
REGION_ENV = "EMULATOR_EAS_REGION"

# DescribeRegions: the 15 regions the SDK maps to pai-eas.<region>.aliyuncs.com, and two
# more that EAS serves through the generic eas.<region> host (eas-api.md 1.1).
REGIONS = {
    "cn-beijing": "China (Beijing)",
    "cn-zhangjiakou": "China (Zhangjiakou)",
    "cn-hangzhou": "China (Hangzhou)",
    "cn-shanghai": "China (Shanghai)",
    "cn-shenzhen": "China (Shenzhen)",
    "cn-hongkong": "China (Hong Kong)",
    "ap-southeast-1": "Singapore",
    "ap-southeast-5": "Indonesia (Jakarta)",
    "us-east-1": "US (Virginia)",
    "us-west-1": "US (Silicon Valley)",
    "eu-central-1": "Germany (Frankfurt)",
    "ap-south-1": "India (Mumbai)",
    "cn-shanghai-finance-1": "China East 2 Finance",
    "cn-north-2-gov-1": "China North 2 Ali Gov 1",
    "cn-chengdu": "China (Chengdu)",
    "cn-wulanchabu": "China (Ulanqab)",
    "ap-northeast-1": "Japan (Tokyo)",
}

# The control-plane hosts that name a region (pai-eas.cn-shanghai.aliyuncs.com, the
# generic eas.<region> one, and their -vpc forms).
_HOST_RE = re.compile(r"(?:pai-eas|eas)(?:-vpc)?\.(?P<region>[a-z0-9-]+)\.aliyuncs\.com(?::\d+)?")
_ID_ALPHABET = string.ascii_lowercase + string.digits


def default_region() -> str:
    return os.environ.get(REGION_ENV) or DEFAULT_REGION


def region_of_host(host: str) -> str | None:
    """The region a control-plane host names (None for e.g. 127.0.0.1:8999)."""
    match = _HOST_RE.fullmatch((host or "").strip().lower())
    return match.group("region") if match else None


def iso(seconds: float) -> str:
    return time.strftime(TIME_FORMAT, time.gmtime(seconds))


def parse_time(text: str) -> float | None:
    """A query time: 2024-11-20T08:00:00Z, 2024-11-20 08:00:00 (UTC) or 2024-11-20."""
    text = text.strip()
    for fmt in (TIME_FORMAT, "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"):
        try:
            return float(calendar.timegm(time.strptime(text, fmt)))
        except ValueError:
            continue
    return None


def regional_key(region: str, name: str) -> str:
    """The store id of a service, group or gateway: its name (or id) is unique in its region."""
    return f"{region}/{name}"


def new_id(prefix: str, length: int = 12) -> str:
    return prefix + "".join(secrets.choice(_ID_ALPHABET) for _ in range(length))


def new_token() -> str:
    return secrets.token_urlsafe(30)


def account_uid(project_id: str) -> str:
    """The account's 16-digit UID, derived from the emulator's project id."""
    number = int(hashlib.sha256(project_id.encode()).hexdigest(), 16) % 10**16
    return f"{number:016d}"


def digest(text: str, length: int) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:length]


def private_ip(text: str, prefix: str = "10") -> str:
    raw = hashlib.sha256(text.encode()).digest()
    return f"{prefix}.{raw[0]}.{raw[1]}.{raw[2] % 254 + 1}"
