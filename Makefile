# Shortcuts for packaging/dev.py, which needs only Python 3.11+.
PYTHON ?= python3

.PHONY: run test check
run:
	$(PYTHON) packaging/dev.py run
test:
	$(PYTHON) packaging/dev.py test
check:
	$(PYTHON) packaging/dev.py check
