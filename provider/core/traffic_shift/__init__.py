"""TrafficShift on any cloud: what every cloud's shift shares, from the inputs to the Pulumi provider.

A shift moves live traffic from a stable deployment to a canary in steps,
owning the weights of two deployments of one service. Everything about the
steps is the same on every cloud: the inputs that steer them (`model`), where
a run stands and resumes (`planner`), how a step's health gate is judged
(`gate`), the walk itself (`walk`) and the provider's create/read/update
(`resource`). A cloud folder keeps what its API decides: the fields that name
the service and the two deployments, how the two weights are read and set,
what its gate reads, and what its ids look like.

Only `resource` imports Pulumi.
"""
