"""Pulumi mocks that echo a resource's inputs as its outputs, plus what its provider would add."""

from __future__ import annotations

import pulumi


class EchoMocks(pulumi.runtime.Mocks):
    """Keeps what each resource was created with, by name; a subclass says what its providers
    add to the outputs (`outputs`) and, when it differs from `<name>-id`, the id (`resource_id`)."""

    def __init__(self):
        self.created: dict[str, pulumi.runtime.MockResourceArgs] = {}

    def new_resource(self, args: pulumi.runtime.MockResourceArgs):
        self.created[args.name] = args
        return self.resource_id(args), {**args.inputs, **self.outputs(args)}

    def resource_id(self, args: pulumi.runtime.MockResourceArgs) -> str:
        return f"{args.name}-id"

    def outputs(self, args: pulumi.runtime.MockResourceArgs) -> dict:
        return {}

    def call(self, args: pulumi.runtime.MockCallArgs):
        return {}

    def of_type(self, typ: str) -> dict[str, pulumi.runtime.MockResourceArgs]:
        return {name: r for name, r in self.created.items() if r.typ == typ}


def record_depends_on(monkeypatch, module, class_names) -> dict[str, list]:
    """Make the resource classes `class_names` of `module` record, by resource name, what each
    resource they build was told to depend on (`opts.depends_on`); the record."""
    depends: dict[str, list] = {}

    def recording(cls):
        class Recorded(cls):
            def __init__(self, resource_name, args, opts=None):
                depends[resource_name] = list(opts.depends_on or [])
                super().__init__(resource_name, args, opts)
        return Recorded

    for name in class_names:
        monkeypatch.setattr(module, name, recording(getattr(module, name)))
    return depends
