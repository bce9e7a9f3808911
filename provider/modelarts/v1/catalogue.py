"""What `check` knows of a v1 service only from the platform: the flavors the region offers, the
project's pools, the models a config names, and the room left under the service quotas.
Read once per run and kept (Pulumi-free)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...core.errors import CloudError
from ..catalogue import PlatformReads, one_per_client
from .client import ModelArtsV1Client
from .models.common import CUSTOM, DOCUMENTED_FLAVORS
from .models.service import BATCH, REAL_TIME, ServiceSpec
from .statuses import MODEL_FAILED, model_status_of

# Services per project and infer type (seed 003 2.4.2: 20 real-time; 2.5: 1,000 batch).
QUOTAS = {REAL_TIME: 20, BATCH: 1000}


@dataclass
class Catalogue(PlatformReads):
    """One client's view, read lazily."""

    client: ModelArtsV1Client
    _models: dict[str, dict[str, Any] | None] = field(default_factory=dict)
    # Services this run plans to create (checked so far): infer type -> names.
    planned: dict[str, set[str]] = field(default_factory=dict)

    def services(self) -> list[dict[str, Any]] | None:
        return self._once("services", self.client.services.list)

    def count_planned(self, infer_type: str, name: str) -> int:
        """Record that this run creates service `name`; how many of `infer_type` it creates so far."""
        with self._lock:
            planned = self.planned.setdefault(infer_type, set())
            planned.add(name)
            return len(planned)

    def model(self, model_id: str) -> dict[str, Any] | None:
        """The model's details; None when it does not exist. Raises CloudError when it cannot be read."""
        with self._lock:
            if model_id not in self._models:
                self._models[model_id] = self.client.models.find_by_id(model_id)
            return self._models[model_id]


def catalogue_for(client: ModelArtsV1Client) -> Catalogue:
    return one_per_client(Catalogue, client)


def service_problems(spec: ServiceSpec, catalogue: Catalogue, creating: bool) -> list[tuple[str, str]]:
    """(path, rule) for what the platform would refuse: flavors, pools, models, and a quota at create."""
    problems = _pool_problems(spec, catalogue) + _flavor_problems(spec, catalogue) + _model_problems(spec, catalogue)
    if creating:
        problems += _quota_problems(spec, catalogue)
    return problems


def _pool_problems(spec: ServiceSpec, catalogue: Catalogue) -> list[tuple[str, str]]:
    named = [("pool_name", spec.pool_name)] + [(f"config[{i}].pool_name", c.pool_name)
                                               for i, c in enumerate(spec.config)]
    if not any(pool for _, pool in named):
        return []
    pools = catalogue.pools()
    if pools is None:
        return []
    known = ", ".join(sorted(pools)) or "none"
    return [(path, f"{pool!r} is not a resource pool of this project (pools: {known})")
            for path, pool in named if pool is not None and pool not in pools]


def _flavor_problems(spec: ServiceSpec, catalogue: Catalogue) -> list[tuple[str, str]]:
    unknown = [(i, c.specification) for i, c in enumerate(spec.config)
               if c.specification != CUSTOM and c.specification not in DOCUMENTED_FLAVORS]
    flavors = catalogue.flavors() if unknown else None
    if not flavors:
        return []
    offered = ", ".join(sorted(set(flavors) | set(DOCUMENTED_FLAVORS)))
    return [(f"config[{i}].specification", f"{flavor!r} is not a flavor this region offers ({offered}, custom)")
            for i, flavor in unknown if flavor not in flavors]


def _model_problems(spec: ServiceSpec, catalogue: Catalogue) -> list[tuple[str, str]]:
    problems = []
    for index, entry in enumerate(spec.config):
        path = f"config[{index}].model_id"
        try:
            model = catalogue.model(entry.model_id)
        except CloudError:
            continue  # the API judges it at up
        if model is None:
            problems.append((path, f"no model {entry.model_id!r} in this project"))
            continue
        label = f"{model.get('model_name')} {model.get('model_version')}"
        if model_status_of(model) in MODEL_FAILED:
            problems.append((path, f"model {label} is {model_status_of(model)}: only a published model can be "
                                   "deployed"))
        kinds = model.get("install_type")
        if isinstance(kinds, list) and kinds and spec.infer_type not in kinds:
            problems.append((path, f"model {label} may be deployed as {', '.join(kinds)}, not as a "
                                   f"{spec.infer_type} service (its install_type)"))
    return problems


def _quota_problems(spec: ServiceSpec, catalogue: Catalogue) -> list[tuple[str, str]]:
    """A new service that would take the project past its quota, counting the others this run creates."""
    quota = QUOTAS.get(spec.infer_type)
    services = catalogue.services()
    if quota is None or services is None:
        return []
    existing = {s.get("service_name") for s in services if s.get("infer_type") == spec.infer_type}
    if spec.service_name in existing:
        return []  # adopted, not added
    planned = catalogue.count_planned(spec.infer_type, spec.service_name)
    total = len(existing) + planned
    if total > quota:
        return [("service_name", f"the project would hold {total} {spec.infer_type} v1 services, more than its "
                                 f"quota of {quota} ({len(existing)} exist, this run creates {planned}); "
                                 "delete some first")]
    return []
