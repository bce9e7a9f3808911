"""ApiKeySpec: every documented limit, with a message naming the field."""

import pytest
from pydantic import ValidationError

from inference_iac.modelarts.client.api_keys import ApiKeyResponseError, CreatedApiKey, parse_created
from inference_iac.modelarts.models.api_key import ApiKeySpec
from inference_iac.core.spec import describe_errors


def errors_of(**fields):
    with pytest.raises(ValidationError) as caught:
        ApiKeySpec.model_validate(fields)
    return describe_errors(caught.value)


def test_defaults_and_body():
    spec = ApiKeySpec.model_validate({"name": "team-a_键", "service_ids": ["s2", "s1"]})
    assert spec.body() == {"name": "team-a_键", "description": "", "scope": "SERVICE", "service_ids": ["s1", "s2"]}
    assert spec.create_body() == {"name": "team-a_键", "description": None, "scope": "SERVICE"}


@pytest.mark.parametrize("name", ["", "a" * 65, "has space", "dot.ted"])
def test_name_rule(name):
    [(path, _)] = errors_of(name=name)
    assert path == "name"


@pytest.mark.parametrize("text", ["a!", "a<b", "a>b", "a=b", "a&b", "it's", 'say "hi"'])
def test_description_forbidden_characters(text):
    [(path, rule)] = errors_of(name="k", description=text)
    assert path == "description" and "must not contain" in rule


def test_description_length():
    ApiKeySpec(name="k", description="x" * 256)
    [(path, _)] = errors_of(name="k", description="x" * 257)
    assert path == "description"


def test_scope_values():
    [(path, _)] = errors_of(name="k", scope="ALL_SERVICES")
    assert path == "scope"


def test_user_scope_cannot_be_bound():
    [(path, rule)] = errors_of(name="k", scope="USER", service_ids=["s1"])
    assert path == "service_ids" and "USER" in rule
    assert ApiKeySpec(name="k", scope="USER").service_ids == []


def test_service_ids_distinct_and_non_empty():
    assert "twice" in errors_of(name="k", service_ids=["a", "a"])[0][1]
    assert "non-empty" in errors_of(name="k", service_ids=[" "])[0][1]


def test_unknown_field_is_rejected():
    [(path, _)] = errors_of(name="k", api_key="x")
    assert path == "api_key"


def test_projection_from_api():
    live = {"key_id": "k1", "name": "k", "description": "d", "create_time": "1700000000000", "scope": "SERVICE",
            "domain_id": "d", "project_id": "p", "workspace_id": "0",
            "services": [{"id": "s2", "name": "b"}, {"id": "s1", "name": "a"}]}
    assert ApiKeySpec.from_api(live) == ApiKeySpec(name="k", description="d", service_ids=["s1", "s2"])


def test_create_response_parsing():
    csv_text = "\ufeffkey_id,name,api_key\r\nabc,k,SECRET-VALUE\r\n"
    assert parse_created(csv_text) == {"key_id": "abc", "name": "k", "api_key": "SECRET-VALUE"}
    assert parse_created("api_key\nONLY\n") == {"api_key": "ONLY"}
    assert parse_created('{"api_key": "J", "key_id": "i"}')["key_id"] == "i"
    with pytest.raises(ApiKeyResponseError) as caught:
        parse_created("name\nno-secret-here\n")
    assert "no-secret-here" not in str(caught.value)


def test_created_key_repr_hides_the_value():
    assert "SECRET-VALUE" not in repr(CreatedApiKey(key_id="abc", api_key="SECRET-VALUE"))
