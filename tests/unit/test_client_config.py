"""ClientConfig: endpoint resolution and secret hygiene."""

import pytest

from inference_iac.modelarts.client import ClientConfig

SECRET = "SUPERSECRETKEY0000000000000000000000000"


def config(**overrides):
    values = {"access_key": "AK", "secret_key": SECRET, "project_id": "pid"} | overrides
    return ClientConfig(**values)


@pytest.mark.parametrize(
    "region,expected",
    [
        ("cn-north-4", "https://modelarts.cn-north-4.myhuaweicloud.com"),
        ("ap-southeast-3", "https://modelarts.ap-southeast-3.myhuaweicloud.com"),
        ("ap-southeast-1", "https://modelarts.ap-southeast-1.myhuaweicloud.cn"),
        ("xx-new-9", "https://modelarts.xx-new-9.myhuaweicloud.com"),
    ],
)
def test_endpoint_from_region(region, expected):
    assert config(region=region).resolved_endpoint() == expected


@pytest.mark.parametrize(
    "endpoint,expected",
    [
        ("modelarts.example.com", "https://modelarts.example.com"),
        ("127.0.0.1:8999", "https://127.0.0.1:8999"),
        ("http://127.0.0.1:8999", "http://127.0.0.1:8999"),
        ("https://gw.example.com/prefix/", "https://gw.example.com/prefix"),
    ],
)
def test_explicit_endpoint_wins_and_gets_a_scheme(endpoint, expected):
    assert config(endpoint=endpoint, region="cn-north-4").resolved_endpoint() == expected


def test_missing_endpoint_and_region_names_both_fields():
    with pytest.raises(ValueError, match="endpoint.*region"):
        config().resolved_endpoint()


def test_unsupported_scheme_is_rejected():
    with pytest.raises(ValueError, match="scheme"):
        config(endpoint="ftp://x").resolved_endpoint()


def test_secret_is_not_revealed():
    cfg = config(region="cn-north-4")
    assert SECRET not in repr(cfg)
    assert SECRET not in str(cfg)
    assert SECRET not in str(cfg.model_dump())
    assert cfg.secret_key.get_secret_value() == SECRET
