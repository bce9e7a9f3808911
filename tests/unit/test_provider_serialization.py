"""Declaring many resources in one process: the SDK's provider serialization must not nest."""

from __future__ import annotations

import pickle
import sys

import pulumi.dynamic.dynamic as dynamic

from inference_iac.core import serialization
from inference_iac.modelarts.resources.deployment import DeploymentProvider


def test_a_thousand_serializations_leave_the_pickler_as_it_was_and_agree():
    before = {name: pickle._Pickler.__dict__[name] for name in ("_batch_setitems", "save_dict")}
    assert dynamic.serialize_provider is serialization.serialize_provider
    first = dynamic.serialize_provider(DeploymentProvider())
    for _ in range(max(1000, sys.getrecursionlimit())):
        assert dynamic.serialize_provider(DeploymentProvider()) == first
    assert {name: pickle._Pickler.__dict__[name] for name in before} == before


def test_without_the_guard_the_stock_function_nests_its_patch():
    # Why the guard exists: each stock call wraps the previous wrapper.
    saved = pickle._Pickler.__dict__["_batch_setitems"]
    try:
        serialization._stock(DeploymentProvider())
        once = pickle._Pickler.__dict__["_batch_setitems"]
        serialization._stock(DeploymentProvider())
        assert pickle._Pickler.__dict__["_batch_setitems"] is not once
    finally:
        pickle._Pickler._batch_setitems = saved
