# pressdesk — make run · make test · make bench · make lint
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PRESSDESK_VAR_DIR ?= $(CURDIR)/var
# The demo has no mail server: its letters (receipts, invitations, reminders) are written to var/mail/.
DEMO_MAIL ?= django.core.mail.backends.filebased.EmailBackend

.PHONY: run test test-fast test-browser bench lint install install-test messages translations system-test-deps clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

translations: $(STAMP)
	$(BIN)/python -m pressdesk.i18n compile

run: install translations
	PRESSDESK_DEMO=1 $(BIN)/pressdesk migrate --no-input -v0
	PRESSDESK_DEMO=1 $(BIN)/pressdesk createcachetable
	PRESSDESK_DEMO=1 $(BIN)/pressdesk collectstatic --no-input -v0
	PRESSDESK_DEMO=1 $(BIN)/pressdesk demo
	@echo "pressdesk is starting on http://127.0.0.1:8000/kk/  (Ctrl-C stops the web server and the worker)"
	PRESSDESK_DEMO=1 PRESSDESK_EMAIL_BACKEND=$${PRESSDESK_EMAIL_BACKEND:-$(DEMO_MAIL)} $(BIN)/pressdesk serve --bind 127.0.0.1:8000

# Debian's Chromium for the browser tests, GNU gettext for the catalogue check, and
# pdftoppm and zbarimg to read the QR codes of accreditation passes back out of their PDFs,
# when missing and we may install them.
system-test-deps:
	@missing=""; [ -x /usr/bin/chromium ] || missing="chromium"; command -v xgettext >/dev/null || missing="$$missing gettext"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; command -v zbarimg >/dev/null || missing="$$missing zbar-tools"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "The tests need the Debian packages:$$missing (install them as root)"; exit 1; fi; \
	fi

test: install translations system-test-deps
	$(BIN)/pytest -q tests

test-fast: install translations
	$(BIN)/pytest -q -m "not browser" tests

# The newsroom benchmark loads the real server with wrk (Debian package), installed when missing and we may.
bench: install translations
	@command -v wrk >/dev/null || { \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else echo "The newsroom benchmark needs the Debian package wrk (install it as root: apt-get install wrk)"; exit 1; fi; \
	}
	$(BIN)/python bench/run.py

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/pressdesk makemigrations --check --dry-run

# Developers only: needs GNU gettext (apt-get install gettext) to extract strings.
messages: install
	cd src/pressdesk && ../../$(BIN)/pressdesk makemessages -l kk -l ru -l en --no-location --no-obsolete

clean:
	rm -rf $(VENV) var
