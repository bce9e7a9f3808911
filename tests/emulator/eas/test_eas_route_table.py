"""The emulator's EAS route table against the official SDK: every one of the SDK's operations
has the same method, path and x-acs-action here (served, or refused with 501), and every
served operation is driven by a test of this package through the SDK client."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import alibabacloud_eas20210701.client as sdk_client

from inference_iac.emulator.eas import urls

HERE = Path(__file__).parent
_OPERATION_RE = re.compile(
    r"def (?P<method>\w+)_with_options\(.*?action='(?P<action>\w+)'.*?"
    r"pathname=f'(?P<path>[^']+)'.*?method='(?P<verb>\w+)'", re.S)


def sdk_operations() -> dict[str, tuple[str, str, str]]:
    """action -> (HTTP method, path template with '{}' for parameters, SDK method name)."""
    source = inspect.getsource(sdk_client)
    found = {}
    for match in _OPERATION_RE.finditer(source):
        if match["method"].endswith("_async"):
            continue
        path = re.sub(r"\{[^}]*\}", "{}", match["path"])
        found[match["action"]] = (match["verb"], path, match["method"])
    return found


def emulator_operations() -> dict[str, tuple[str, str, bool]]:
    found = {}
    for route in urls.ROUTES:
        path = re.sub(r"\{[^}]*\}", "{}", route.path)
        for method, operation in route.operations.items():
            assert operation.action not in found, f"{operation.action} routed twice"
            found[operation.action] = (method, path, operation.handler is not None)
    return found


def test_every_sdk_operation_is_routed_with_its_method_and_path():
    sdk, ours = sdk_operations(), emulator_operations()
    assert len(sdk) == 99, len(sdk)
    assert set(sdk) == set(ours), set(sdk) ^ set(ours)
    for action, (verb, path, _) in sdk.items():
        assert ours[action][:2] == (verb, path), (action, ours[action], (verb, path))


def test_every_served_operation_is_driven_through_the_sdk_by_a_test():
    tests = "\n".join(p.read_text() for p in [*HERE.glob("test_eas_*.py"), HERE / "eas_sdk_helpers.py"])
    served = {action for action, (_, _, handled) in emulator_operations().items() if handled}
    sdk = sdk_operations()
    untested = sorted(action for action in served if f".{sdk[action][2]}(" not in tests)
    assert untested == []


def test_the_served_and_unsupported_operations():
    ours = emulator_operations()
    unsupported = sorted(action for action, (_, _, handled) in ours.items() if not handled)
    assert len(ours) - len(unsupported) == 59
    assert "DescribeServiceSignedUrl" in unsupported and "CreateResource" in unsupported
    assert not {"CreateService", "CreateGatewayIntranetLinkedVpc", "ReleaseService"} & set(
        unsupported)
