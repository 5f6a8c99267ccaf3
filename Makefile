# Fapiao — see README.md. `make run` and `make test` each install what they
# need on a fresh Debian machine: apt packages (through sudo when not root),
# a Go toolchain when the machine has none, and the Go modules. Every cache
# lives in .cache/ inside the repository.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

export GOMODCACHE := $(CURDIR)/.cache/gomod
export GOCACHE := $(CURDIR)/.cache/gobuild
export GOPATH := $(CURDIR)/.cache/gopath
export GOFLAGS := -modcacherw
export GOTOOLCHAIN := auto

GO := $(shell .ci/ensure-go)
STATICCHECK_VERSION := v0.8.2

# Fyne's cgo build (GLFW, OpenGL, X11/Wayland headers).
BUILD_APT := gcc pkg-config libgl1-mesa-dev xorg-dev libwayland-dev libxkbcommon-dev
# Tests also read the PDFs they produce (pdftotext).
TEST_APT := $(BUILD_APT) poppler-utils ca-certificates curl unzip
# Running without a display: a virtual X server.
HEADLESS_APT := xvfb libgl1-mesa-dri xauth

BINARY := fapiao

.PHONY: help deps-build deps-test build run test unit e2e lint bench package clean

help:
	@echo "make run      install what is needed, build and open the desktop app (sandbox by default)"
	@echo "make test     install what is needed, then lint, unit and end-to-end tests"
	@echo "make build    build ./$(BINARY)"
	@echo "make bench    benchmarks, each printed beside its baseline from the same run"
	@echo "make lint     gofmt, go vet, staticcheck"
	@echo "make package  a desktop package (fyne package) in dist/"

deps-build:
	@.ci/apt-install $(BUILD_APT)
	@$(GO) mod download

deps-test:
	@.ci/apt-install $(TEST_APT)
	@$(GO) mod download

build: deps-build
	CGO_ENABLED=1 $(GO) build -trimpath -o $(BINARY) .

# Opens the window on the current display; without one (a server, CI) it
# runs under a virtual X server so the app still starts.
run: build
	@if [ -n "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
		./$(BINARY); \
	else \
		.ci/apt-install $(HEADLESS_APT); \
		echo "No display: running under Xvfb (screen 1280x1024)."; \
		xvfb-run -a -s "-screen 0 1280x1024x24" ./$(BINARY); \
	fi

test: deps-test lint unit e2e

# Every package but main builds and tests without cgo.
unit:
	CGO_ENABLED=0 $(GO) test -count=1 $$($(GO) list ./... | grep -v '^fapiao$$')

# The real binary (cgo) driven through its command line.
e2e: build
	FAPIAO_BIN=$(CURDIR)/$(BINARY) CGO_ENABLED=0 $(GO) test -count=1 -tags e2e -run E2E ./ui/cli/

lint: deps-build
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './.cache/*')); \
		if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	CGO_ENABLED=0 $(GO) vet $$($(GO) list ./... | grep -v '^fapiao$$')
	CGO_ENABLED=1 $(GO) vet .
	CGO_ENABLED=1 $(GO) run honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION) ./...

# Pairs each BenchmarkX with BenchmarkXBaseline from the same run. The
# cheap benchmarks (app) run for a while to steady; the store's heavy ones
# (10,000 invoices into a fresh file) once.
bench: deps-test
	{ CGO_ENABLED=0 $(GO) test -count=1 -run '^$$' -bench . -benchtime 2s -benchmem ./app/; \
	  CGO_ENABLED=0 $(GO) test -count=1 -run '^$$' -bench . -benchtime 1x -benchmem \
		$$($(GO) list ./... | grep -v -e '^fapiao$$' -e '^fapiao/app$$'); } | tee .cache/bench.txt | .ci/bench-report

# fyne package bumps Build in FyneApp.toml each time; the copy kept aside
# leaves the working tree as it was (release builds set Build by hand).
package: deps-build
	mkdir -p dist .cache
	cp FyneApp.toml .cache/FyneApp.toml.keep
	CGO_ENABLED=1 $(GO) tool fyne package -os linux -name Fapiao -icon assets/icon.png -release; \
		status=$$?; cp .cache/FyneApp.toml.keep FyneApp.toml; exit $$status
	mv -f Fapiao.tar.xz dist/
	@ls -la dist/

clean:
	rm -f $(BINARY)
	rm -rf dist
