"""What `check` knows only from the platform: the flavors the region offers, the project's pools,
and the room left under the service quota. Read once per run and kept (Pulumi-free)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any, Callable, TypeVar

from ..core.errors import CloudError
from .client import ModelArtsClient
from .models.deployment import DeploymentSpec

# The documented quota of real-time services per project.
SERVICES_PER_PROJECT = 20
CUSTOM_FLAVOR = "custom"


@dataclass
class PlatformReads:
    """Reads of the platform made once for a client and kept; a read that fails is None, which leaves
    the checks that need it out (the API judges at up). Both APIs' clients read the region's flavors
    and the project's pools through the v2 catalogue API."""

    client: Any
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _reads: dict[str, Any] = field(default_factory=dict)

    def _once(self, key: str, read: Callable[[], Any]) -> Any:
        with self._lock:
            if key not in self._reads:
                try:
                    self._reads[key] = read()
                except CloudError:
                    self._reads[key] = None
            return self._reads[key]

    def flavors(self) -> set[str] | None:
        return self._once("flavors", lambda: {str(f.get("id") or f.get("name"))
                                              for f in self.client.catalog.flavors()} or None)

    def pools(self) -> set[str] | None:
        return self._once("pools", lambda: {str((p.get("metadata") or {}).get("name"))
                                            for p in self.client.catalog.pools()})


_catalogues: dict[tuple[type, int], PlatformReads] = {}
_catalogues_lock = threading.Lock()

R = TypeVar("R", bound=PlatformReads)


def one_per_client(kind: type[R], client: Any) -> R:
    """One `kind` per client, i.e. per connection settings and provider process (one run)."""
    with _catalogues_lock:
        return _catalogues.setdefault((kind, id(client)), kind(client))  # type: ignore[return-value]


@dataclass
class Catalogue(PlatformReads):
    """One client's view, read lazily."""

    client: ModelArtsClient
    # Services this run plans to create (checked so far), by name.
    planned_services: set[str] = field(default_factory=set)

    def service_names(self) -> set[str] | None:
        return self._once("service_names", lambda: {str(s.get("name")) for s in self.client.services.list_all()})


def catalogue_for(client: ModelArtsClient) -> Catalogue:
    return one_per_client(Catalogue, client)


def deployment_problems(spec: DeploymentSpec, catalogue: Catalogue) -> list[tuple[str, str]]:
    """(path, rule) for a pool or flavor the platform does not offer."""
    problems = []
    pools = catalogue.pools()
    if spec.pool_id is not None and pools is not None and spec.pool_id not in pools:
        known = ", ".join(sorted(pools)) or "none"
        problems.append(("pool_id", f"{spec.pool_id!r} is not a resource pool of this project (pools: {known})"))
    flavors = catalogue.flavors()
    for index, unit in enumerate(spec.unit_configs):
        if unit.flavor and unit.flavor != CUSTOM_FLAVOR and flavors and unit.flavor not in flavors:
            problems.append((f"unit_configs[{index}].flavor", f"{unit.flavor!r} is not offered in this region "
                                                              f"(flavors: {', '.join(sorted(flavors))})"))
    return problems


def quota_problems(name: str, catalogue: Catalogue) -> list[tuple[str, str]]:
    """A new service that would take the project past its quota, counting the others this run creates."""
    existing = catalogue.service_names()
    if existing is None or name in existing:
        return []
    catalogue.planned_services.add(name)
    total = len(existing) + len(catalogue.planned_services)
    if total > SERVICES_PER_PROJECT:
        return [("name", f"the project would hold {total} real-time services, more than its quota of "
                         f"{SERVICES_PER_PROJECT} ({len(existing)} exist, this run creates "
                         f"{len(catalogue.planned_services)}); delete some first")]
    return []
