"""The fixed flavor catalogue served by GET /v2/{project_id}/services/flavors.

Shaped after the SDK's `InferFlavor`; `memory` is in MB (the unit is not
documented; MB matches `custom_spec.memory`). A unit naming a flavor that is
not in the list is refused, as the platform refuses a flavor its region does
not offer.
"""

from __future__ import annotations

FLAVOR_TYPES = ("CPU", "GPU", "ASCEND")


def _flavor(fid: str, category: str, vcpus: int, memory_gb: int, description: str,
            gpu: dict | None = None, ascend: dict | None = None, arch: str = "X86_64") -> dict:
    return {
        "id": fid, "name": fid, "arch": arch, "category": category,
        "description": description, "feature": "DEFAULT", "free": False, "sold_out": False,
        "vcpus": vcpus, "memory": memory_gb * 1024, "gpu": gpu, "ascend": ascend,
        "billing": {"code": fid, "unit_num": 1}, "storages": ["EVS"], "evs_max_size": "100",
    }


CATALOGUE = (
    _flavor("modelarts.vm.cpu.2u", "CPU", 2, 8, "CPU: 2 vCPUs | 8 GiB"),
    _flavor("modelarts.vm.cpu.4u", "CPU", 4, 16, "CPU: 4 vCPUs | 16 GiB"),
    _flavor("modelarts.vm.cpu.8u", "CPU", 8, 32, "CPU: 8 vCPUs | 32 GiB"),
    _flavor("modelarts.vm.gpu.t4", "GPU", 8, 32, "GPU: 1*T4 (16 GiB) | CPU: 8 vCPUs | 32 GiB",
            gpu={"gpu": 1, "gpu_memory": "16GiB", "type": "T4"}),
    _flavor("modelarts.vm.gpu.v100", "GPU", 8, 64, "GPU: 1*V100 (32 GiB) | CPU: 8 vCPUs | 64 GiB",
            gpu={"gpu": 1, "gpu_memory": "32GiB", "type": "V100"}),
    _flavor("modelarts.bm.npu.arm.8snt9b3.d", "ASCEND", 192, 1536,
            "Ascend: 8*ascend-snt9b3 (64 GiB) | ARM: 192 vCPUs | 1536 GiB",
            ascend={"npu": 8, "npu_memory": "64GiB", "type": "snt9b3", "ai_core": "",
                    "ai_cpu": "", "type_alias": "Snt9B3"}, arch="arm64"),
)


def flavors(flavor_type: str | None = None) -> list[dict]:
    return [dict(f) for f in CATALOGUE if not flavor_type or f["category"] == flavor_type]


def offered(flavor_id: str) -> bool:
    return any(f["id"] == flavor_id for f in CATALOGUE)
