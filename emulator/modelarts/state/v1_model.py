"""v1 model (AI application): the registry entry `config[].model_id` of a v1 service names.

Each (model_name, model_version) pair is one model with its own id. A model is
created `publishing` and becomes `published` ("Normal" in the console) after
the emulator's ready delay; only a published model can be deployed (error
ModelArts.3515 otherwise). The other documented statuses (`failed`,
`building`, `building_failed`) are never produced: the emulator does not build
images. The due time is persisted, so a restart continues where it stopped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...core.store import Document
from .common import Transition, new_id

KIND = "v1_model"

PUBLISHING = "publishing"
PUBLISHED = "published"
FAILED = "failed"
BUILDING = "building"
BUILDING_FAILED = "building_failed"
STATUSES = (PUBLISHING, PUBLISHED, FAILED, BUILDING, BUILDING_FAILED)
DEPLOYABLE = {PUBLISHED}


@dataclass
class V1Model(Document):
    model_id: str
    model_name: str
    model_version: str
    model_type: str
    model_status: str
    create_at: float
    # Everything else as given (source_location, install_type, description, runtime, ...).
    spec: dict = field(default_factory=dict)
    # Timed transition still to happen: {"status": <target>, "due": <epoch s>}.
    pending: dict | None = None

    @classmethod
    def create(cls, name: str, version: str, model_type: str, spec: dict, now: float,
               ready_delay: float, model_id: str | None = None) -> "V1Model":
        return cls(model_id=model_id or new_id(), model_name=name, model_version=version,
                   model_type=model_type, model_status=PUBLISHING, create_at=now, spec=spec,
                   pending={"status": PUBLISHED, "due": now + ready_delay})

    @property
    def install_type(self) -> list[str]:
        return list(self.spec.get("install_type") or ["real-time", "batch"])

    def advance(self, now: float) -> list[Transition]:
        if not self.pending or now < self.pending["due"]:
            return []
        old, target, due = self.model_status, self.pending["status"], self.pending["due"]
        self.model_status, self.pending = target, None
        return [Transition(old, target, due)]
