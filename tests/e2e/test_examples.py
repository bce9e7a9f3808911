"""Every example under examples/ runs against the emulator: up, a preview with no changes, destroy."""

from __future__ import annotations


import pytest

from conftest import REPO_ROOT
from eas_support import eas_client
from inference_iac.modelarts.models.service import ServiceSpec

pytestmark = pytest.mark.e2e

EXAMPLES = REPO_ROOT / "examples"
# Examples with a dedicated test of their own (multi-stack flows).
OWN_TESTS = {"promotion"}


def example_dirs() -> list[str]:
    return sorted(p.parent.name for p in EXAMPLES.glob("*/Pulumi.yaml") if p.parent.name not in OWN_TESTS)


def arrange(example: str, api) -> dict[str, str]:
    """Stack config an example needs from the cloud before it can run."""
    if example == "import-existing":
        spec = ServiceSpec(name="legacy-service", description="created in the console")
        return {"serviceId": api.services.create(spec.create_body())["id"]}
    return {}


def test_every_example_is_covered():
    assert {"quickstart", "scheduled-scaling", "private-network", "import-existing", "canary-release", "eas-quickstart",
            "eas-canary"} <= set(example_dirs())
    for name in example_dirs():
        assert (EXAMPLES / name / "README.md").is_file(), f"examples/{name} has no README"


@pytest.mark.parametrize("example", example_dirs())
def test_example_up_noop_destroy(example, project_runner, api, live_emulator):
    runner = project_runner(EXAMPLES / example, arrange(example, api), stack="ci")
    result = runner.up()
    assert not [kind for kind in result.summary.resource_changes if kind not in ("create", "import", "same")]
    runner.preview(expect_no_changes=True)
    runner.destroy()
    assert not api.services.list_all(), "destroy left services behind"
    with eas_client(live_emulator) as eas:
        assert not eas.services.list_all(), "destroy left PAI-EAS services behind"
