# Solemate — `make run` opens the app, `make test` runs every check.
# Both install what is missing first (Debian packages via apt-get, Go tools
# into ./bin).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

export CGO_ENABLED := 1
# Fyne reads the locale from LANG; the C locale makes it log an error.
export LANG := en_US.UTF-8

GO ?= go
BIN := $(CURDIR)/bin
STATICCHECK_VERSION := v0.8.2
TEST_TIMEOUT := 20m

DEB_PACKAGES := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev \
	libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev libgl1-mesa-dri \
	xvfb xauth x11-utils xdotool imagemagick

.PHONY: run build test deps lint unit smoke clean

## run: install what is missing, build, open the app on its default database
run: build
	./solemate

## build: the solemate binary in the project folder
build: deps
	$(GO) build -o solemate ./cmd/solemate

## test: every check — formatting, vet, staticcheck, unit, UI and real-window tests
test: deps lint unit

## deps: install the Debian packages that are missing (with sudo when not root)
deps:
	@missing=""; \
	for p in $(DEB_PACKAGES); do \
		dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		command -v apt-get >/dev/null || { echo "missing packages:$$missing — install them with your package manager" >&2; exit 1; }; \
		sudo=""; [ "$$(id -u)" -eq 0 ] || sudo="sudo"; \
		echo "installing:$$missing"; \
		$$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq; \
		$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(BIN)/staticcheck:
	GOBIN=$(BIN) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

## lint: gofmt, go vet and staticcheck must be clean
lint: $(BIN)/staticcheck
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "not gofmt-formatted: $$unformatted" >&2; exit 1; fi
	$(GO) vet ./...
	$(BIN)/staticcheck ./...

## unit: the Go tests, including the real-window smoke test under Xvfb
unit:
	SOLEMATE_SMOKE=1 $(GO) test -timeout $(TEST_TIMEOUT) ./...

## smoke: only the real-window smoke test
smoke: deps
	SOLEMATE_SMOKE=1 $(GO) test -timeout 5m -run Smoke -v ./cmd/solemate

clean:
	rm -rf solemate bin
