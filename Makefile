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
FYNE_CLI_VERSION := v1.7.4
COMMIT := $(shell git rev-parse --short HEAD 2>/dev/null)
LDFLAGS := -X main.Commit=$(COMMIT)
APP_ID := app.solemate.desktop
PKG := build/solemate.tar.xz
TEST_TIMEOUT := 20m
# make test runs the model's and the command line's tests again as of these
# days (the first Saturday of a month, a leap day) in a zone whose clocks
# change, so a test that leans on the calendar fails on any day, not one day.
TEST_DATES := 2027-02-06 2028-02-29
TEST_DATES_TZ := Europe/London

DEB_PACKAGES := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev \
	libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev libgl1-mesa-dri \
	xvfb xauth x11-utils xdotool imagemagick strace
# Fyne's own font covers Latin, Greek and Cyrillic; for other scripts (a
# name like 田中 健太 or प्रिया) it falls back to the system's fonts.
FONT_PACKAGES := fonts-noto-core fonts-noto-cjk

.PHONY: run build test deps fonts testdeps pkgdeps apt lint unit test-dates test-postgres smoke fuzz crashtest torture bench package install uninstall clean

## run: install what is missing, build, open the app on its default database
run: build fonts
	./solemate

## build: the solemate binary in the project folder
build: deps
	$(GO) build -ldflags "$(LDFLAGS)" -o solemate ./cmd/solemate

## test: every check — formatting, vet, staticcheck, unit, UI and real-window tests
test: deps testdeps lint unit

## deps: install the Debian packages that are missing (with sudo when not root)
deps:
	@$(MAKE) --no-print-directory apt PACKAGES="$(DEB_PACKAGES)"

## fonts: fonts for names in every script (the tests do not need them)
fonts:
	@$(MAKE) --no-print-directory apt PACKAGES="$(FONT_PACKAGES)"

## testdeps: the PostgreSQL server the model's tests also run on
testdeps:
	@$(MAKE) --no-print-directory apt PACKAGES="postgresql"

## pkgdeps: the validators packaging uses
pkgdeps:
	@$(MAKE) --no-print-directory apt PACKAGES="desktop-file-utils appstream xz-utils"

apt:
	@missing=""; \
	for p in $(PACKAGES); do \
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

## unit: the Go tests, including the real-window smoke test under Xvfb, then
## the model's and command line's as of other days, then the model's again on
## a throwaway PostgreSQL server
unit:
	SOLEMATE_SMOKE=1 $(GO) test -timeout $(TEST_TIMEOUT) ./...
	@$(MAKE) --no-print-directory test-dates
	@$(MAKE) --no-print-directory test-postgres

## test-dates: the model's and command line's tests as of each of TEST_DATES
test-dates:
	for day in $(TEST_DATES); do \
		echo "as of $$day ($(TEST_DATES_TZ))"; \
		TZ=$(TEST_DATES_TZ) SOLEMATE_TODAY=$$day $(GO) test -count=1 -timeout $(TEST_TIMEOUT) ./model/... ./cmd/solemate || exit 1; \
	done

## test-postgres: the model's tests, and the command line's on a server
## database, on a throwaway PostgreSQL server (model/demo's own tests are
## SQLite's alone; model's tests fill the server with demo data). One package
## at a time: they share the one server's databases.
test-postgres: testdeps
	.ci/with-postgres sh -c '$(GO) test -p 1 -count=1 -timeout $(TEST_TIMEOUT) $$($(GO) list ./model/... | grep -v /model/demo$$) && \
		$(GO) test -count=1 -timeout $(TEST_TIMEOUT) -run Server ./cmd/solemate'

## crashtest: kill a writer with SIGKILL 100 times and check nothing committed is lost
## (make test runs it with 15 kills)
crashtest: deps
	SOLEMATE_CRASH_KILLS=100 $(GO) test -count=1 -timeout 10m -run '^TestCrashSafety$$' -v ./model

## torture: the long attacks — restores killed with SIGKILL at random moments
## (SOLEMATE_TORTURE_ROUNDS, default 200), a writer killed 100 times, and the
## GUI's autosave killed while typing under Xvfb; make test runs shorter forms
torture: deps
	SOLEMATE_TORTURE=1 $(GO) test -count=1 -timeout 20m -run '^TestRestoreTorture$$' -v ./model
	@$(MAKE) --no-print-directory crashtest

FUZZ_TIME ?= 60s

## fuzz: each fuzz test for FUZZ_TIME (seeds also run in make test)
fuzz: deps
	for t in roster:FuzzImportRoster model:FuzzParseDate model:FuzzCadence model:FuzzSearchQuery model:FuzzRestore; do \
		pkg=./model/$${t%%:*}; [ "$${t%%:*}" = model ] && pkg=./model; \
		$(GO) test -run '^$$' -fuzz "^$${t#*:}\$$" -fuzztime $(FUZZ_TIME) $$pkg || exit 1; \
	done

## smoke: only the real-window smoke test
smoke: deps
	SOLEMATE_SMOKE=1 $(GO) test -timeout 5m -run Smoke -v ./cmd/solemate

BENCH_DB := build/bench-200x10.db

# The ten-year contact centre the benchmarks run on; rebuilt when the demo
# generator or the schema changes.
$(BENCH_DB): $(wildcard model/demo/*.go model/migrate*.go)
	@mkdir -p build
	rm -f $@ $@-wal $@-shm
	./solemate demo --people 200 --years 10 --db $@

## bench: every screen's query on a ten-year database, start-up and memory
## against a bare Fyne window (Xvfb), then a table of targets and results
bench: build
	@$(MAKE) --no-print-directory $(BENCH_DB)
	@cp $(BENCH_DB) build/bench-run.db
	SOLEMATE_BENCH_DB=$(CURDIR)/build/bench-run.db $(GO) test -run '^$$' -bench . -benchtime 2s -count 1 -timeout 20m ./model ./model/roster | tee build/bench.txt
	SOLEMATE_BENCH_DB=$(CURDIR)/$(BENCH_DB) $(GO) test -count=1 -timeout 20m -run '^$$' -bench '^BenchmarkStartup$$' -benchtime 1x -v ./cmd/solemate | tee -a build/bench.txt
	SOLEMATE_BENCH=1 $(GO) test -count=1 -timeout 20m -run '^$$' -bench '^BenchmarkListMemory$$' -benchtime 1x -v ./cmd/solemate | tee -a build/bench.txt
	@echo; $(GO) run ./cmd/benchtable < build/bench.txt

$(BIN)/fyne:
	GOBIN=$(BIN) $(GO) install fyne.io/tools/cmd/fyne@$(FYNE_CLI_VERSION)

## package: build/solemate.tar.xz with the fyne CLI (release build, stripped),
## then check its .desktop entry and the AppStream metainfo
package: deps pkgdeps $(BIN)/fyne
	@mkdir -p build
	@# fyne reads FyneApp.toml beside the main package and bumps its build
	@# number; it gets a throwaway copy so the root file stays the only source.
	cp FyneApp.toml cmd/solemate/FyneApp.toml
	cd cmd/solemate && GOFLAGS=-buildvcs=true $(BIN)/fyne package --os linux --release --icon $(CURDIR)/assets/icon.png; \
		status=$$?; rm -f FyneApp.toml; exit $$status
	mv cmd/solemate/Solemate.tar.xz $(PKG)
	rm -rf build/pkg && mkdir -p build/pkg && tar -xJf $(PKG) -C build/pkg
	desktop-file-validate build/pkg/solemate/usr/local/share/applications/$(APP_ID).desktop
	appstreamcli validate --no-net --pedantic assets/$(APP_ID).metainfo.xml
	@echo "package: $(PKG) ($$(du -h $(PKG) | cut -f1)); binary $$(du -h build/pkg/solemate/usr/local/bin/solemate | cut -f1)"

## install: the package for the current user, in ~/.local
install: package
	$(MAKE) -C build/pkg/solemate user-install
	install -Dm644 assets/$(APP_ID).metainfo.xml $(HOME)/.local/share/metainfo/$(APP_ID).metainfo.xml

## uninstall: remove what install put in ~/.local
uninstall:
	rm -f $(HOME)/.local/share/applications/$(APP_ID).desktop $(HOME)/.local/bin/solemate \
		$(HOME)/.local/share/icons/$(APP_ID).png $(HOME)/.local/share/metainfo/$(APP_ID).metainfo.xml

clean:
	rm -rf solemate bin build
