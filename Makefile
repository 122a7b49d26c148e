# trackbase — see README.md. Go runs with GOTOOLCHAIN=auto so that the
# toolchain named in go.mod (go1.27.3, needed by PocketBase v0.40.4) is used.
export GOTOOLCHAIN := auto

BIN      := ./trackbase
DATA_DIR ?= pb_data
HTTP     ?= 127.0.0.1:8090

.PHONY: build run test test-go fuzz e2e openapi-lint bench clean

build:
	go build -o $(BIN) .

# build, migrate, seed the demo data into an empty database, serve
run: build
	$(BIN) migrate up --dir $(DATA_DIR)
	$(BIN) seed --full --if-empty --dir $(DATA_DIR)
	@echo ""
	@echo "trackbase on http://$(HTTP)"
	@echo "  REST API:   http://$(HTTP)/api/"
	@echo "  dashboard:  http://$(HTTP)/_/"
	@echo "  demo logins (username or e-mail):"
	@echo "    john_doe   / testpass123  (john.doe@example.com)"
	@echo "    jane_smith / testpass456  (jane.smith@example.com)"
	@echo "  dashboard superuser: follow the installer link printed below, or run"
	@echo "    $(BIN) superuser upsert admin@example.com <password> --dir $(DATA_DIR)"
	@echo ""
	$(BIN) serve --http $(HTTP) --dir $(DATA_DIR)

# everything CI runs: Go tests, a bounded fuzz run, the JS SDK end-to-end
# suite and the dashboard check in headless Chromium (Debian's chromium)
test: test-go fuzz e2e openapi-lint

test-go:
	go vet ./...
	go test -count=1 ./...

# arbitrary JSON bodies on every custom POST endpoint: no 5xx, no panic
fuzz:
	go test -run '^$$' -fuzz FuzzCustomPostBodies -fuzztime 20s ./fuzz/

e2e: build
	cd e2e && { [ -d node_modules ] || npm ci; } && node run.js --bin ../trackbase

# the OpenAPI document a freshly migrated server serves, linted by Redocly's CLI
openapi-lint: build
	cd e2e && { [ -d node_modules ] || npm ci; }
	e2e/openapi-lint.sh $(BIN) openapi.json

# the load generator (bench/results/latest.md) and the seed benchmarks
bench: build
	go run ./bench -bin ./trackbase
	go test -run '^$$' -bench . -benchtime 1x ./seed/

clean:
	rm -f $(BIN)
