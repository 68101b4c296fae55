# coach: build, test and run. `make run` and `make test` work on a fresh machine.
SWIFT ?= swift
COURSES ?= courses
BIN := .build/debug/coach
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps print-deps xapi-deps build release test test-against-servers engine-tests run check lint bench reliability reliability-quick fuzz clean

## The PostgreSQL tests run against a throwaway server (scripts/pg-test-server): a target
## that needs one starts it, unless COACH_TEST_POSTGRES names one already (inside make test).
WITH_POSTGRES := $(if $(COACH_TEST_POSTGRES),,$(CURDIR)/scripts/pg-test-server run)

all: build

## A release build carries the Swift runtime and Foundation inside the binary instead of
## loading 14 shared libraries at every start (5 ms less a command; docs/architecture.md,
## "Start-up"). The benchmarks and the long reliability runs measure this build.
RELEASE := $(SWIFT) build -c release --static-swift-stdlib

## deps: install the system libraries coach links (libcmark, SQLite, mimalloc) when they
## are missing (mimalloc ships no pkg-config file: its header is looked for).
deps:
	@if ! pkg-config --exists libcmark sqlite3 2>/dev/null || [ ! -e /usr/include/mimalloc.h ]; then \
	  echo "Installing libcmark-dev, libsqlite3-dev and libmimalloc-dev with apt-get..."; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcmark-dev libsqlite3-dev libmimalloc-dev pkg-config; \
	fi

## print-deps: install headless Chromium and poppler-utils, which the workbook print tests
## use (without them those tests are skipped).
print-deps:
	@if ! command -v chromium >/dev/null || ! command -v pdftotext >/dev/null; then \
	  echo "Installing chromium and poppler-utils with apt-get..."; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils; \
	fi

## xapi-deps: the Python virtual environment of the xAPI tests (ralph-malph 5.1.0 and its
## LRS, every version pinned in Tests/xapi-tools/requirements.txt), under .build/.
xapi-deps:
	@Tests/xapi-tools/venv.sh >/dev/null

build: deps
	$(SWIFT) build

## release: the binary to install, .build/release/coach.
release: deps
	$(RELEASE) --product coach

## test: every suite, the PostgreSQL ones against a server started for the run (and
## stopped however it ends); if the server cannot start, the run fails.
test: build lint xapi-deps
	scripts/pg-test-server run $(MAKE) --no-print-directory test-against-servers

test-against-servers:
	@[ -n "$$COACH_TEST_POSTGRES" ] || { echo "make test-against-servers: COACH_TEST_POSTGRES is not set (run make test)"; exit 1; }
	$(SWIFT) test
	$(MAKE) --no-print-directory engine-tests
	$(MAKE) --no-print-directory reliability-quick

## engine-tests: the engine's tests in a package of their own that links no store, and a
## check of the test binary that no SQLite library or symbol made it in.
ENGINE_BUNDLE := Tests/EngineOnly/.build/debug/coach-engine-onlyPackageTests.xctest
engine-tests: deps
	cd Tests/EngineOnly && $(SWIFT) build --build-tests
	@if ldd $(ENGINE_BUNDLE) | grep -i sqlite || nm $(ENGINE_BUNDLE) | grep -q -i ' sqlite3_'; then \
	  echo "engine-tests: the engine's test binary links SQLite"; exit 1; \
	fi
	@if nm $(ENGINE_BUNDLE) | grep -q 'PostgresNIO'; then \
	  echo "engine-tests: the engine's test binary links PostgresNIO"; exit 1; \
	fi
	cd Tests/EngineOnly && $(SWIFT) test --skip-build

run: build
	$(BIN) learn --courses $(COURSES)

check: build
	$(BIN) check $(COURSES)

lint:
	$(SWIFT) format lint --recursive --strict Sources Tests Benchmarks/Sources Benchmarks/Benchmarks Fuzz/Sources
	scripts/check-layers

## bench: release builds; parser vs the cmark command, the store vs bare SQLite, then
## coach learn with a 50 MB lesson and a 200,000-line paste beside baselines of the same run,
## then what a passphrase costs at each scrypt cost.
bench: deps
	@command -v cmark >/dev/null || $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq cmark
	$(RELEASE) --product coach
	cd Benchmarks && $(SWIFT) run -c release ParserBench ../.build/release/coach
	cd Benchmarks && $(SWIFT) package --disable-sandbox benchmark
	cd Benchmarks && $(WITH_POSTGRES) $(SWIFT) run -c release StoreComparisons ../.build/release/coach
	cd Benchmarks && $(SWIFT) run -c release LearnBench ../.build/release/coach
	cd Benchmarks && $(SWIFT) run -c release KDFCost

## reliability: kill -9 trials and concurrent writers against SQLite, then PostgreSQL.
reliability: deps
	$(RELEASE) --product coach-store-stress
	.build/release/coach-store-stress --kill-trials 200 --writers 50 --answers 200
	$(WITH_POSTGRES) sh -c '.build/release/coach-store-stress --kill-trials 200 --writers 50 --answers 200 --store "$$COACH_TEST_POSTGRES"'

reliability-quick: deps
	$(SWIFT) build --product coach-store-stress
	.build/debug/coach-store-stress --kill-trials 10 --writers 8 --answers 50
	$(WITH_POSTGRES) sh -c '.build/debug/coach-store-stress --kill-trials 10 --writers 8 --answers 50 --store "$$COACH_TEST_POSTGRES"'

## fuzz: libFuzzer under AddressSanitizer, the course parser and the answer parser,
## FUZZ_SECONDS each (default 1800); not part of make test. See scripts/fuzz.
FUZZ_SECONDS ?= 1800
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) SWIFT=$(SWIFT) scripts/fuzz

clean:
	rm -rf .build Benchmarks/.build Tests/EngineOnly/.build Fuzz/.build
