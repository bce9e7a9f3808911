# Two commands matter: `make up` (the main job) and `make test` (the whole suite).
# Everything else is what they need, built once and cached.

# The CLI version has one home: provider/automation/pulumi_cli.py.
PULUMI_VERSION := $(shell sed -n 's/^CLI_VERSION = "\(.*\)"/\1/p' provider/automation/pulumi_cli.py)
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml setup.py | sha1sum | cut -c1-12)
PULUMI_CACHE_ROOT ?= $(HOME)/.cache/pulumi-offline
PULUMI_BIN := $(PULUMI_CACHE_ROOT)/$(PULUMI_VERSION)/bin/pulumi
export PULUMI_CACHE_ROOT

.PHONY: up down preview refresh test unit bench pulumi venv clean

up: venv pulumi
	$(VENV)/bin/inference-stack up

down: venv pulumi
	$(VENV)/bin/inference-stack down

preview: venv pulumi
	$(VENV)/bin/inference-stack preview

refresh: venv pulumi
	$(VENV)/bin/inference-stack refresh

test: venv pulumi
	$(VENV)/bin/pytest -p no:cacheprovider -ra

bench: venv pulumi
	$(VENV)/bin/python -m benchmarks

unit: venv
	$(VENV)/bin/pytest -p no:cacheprovider -q tests/unit

venv: $(STAMP)

$(STAMP): pyproject.toml setup.py
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --upgrade pip
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@

# Built from the Go module proxy and cached outside the clone (see README).
pulumi: $(PULUMI_BIN)

$(PULUMI_BIN):
	PULUMI_VERSION=$(PULUMI_VERSION) bash scripts/build-pulumi.sh

clean:
	rm -rf .inference-iac .pulumi-state .pulumi-home .emulator
