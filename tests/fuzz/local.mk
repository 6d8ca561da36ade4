## tests/fuzz/local.mk — `make fuzz`: the libFuzzer targets (included by Makefile.am).
## tools/fuzz.sh builds them with clang into _build/fuzz and runs each one
## FUZZ_SECONDS (default 60); FUZZ_TARGETS picks some ("media conf").
fuzz:
	FUZZ_SECONDS='$(FUZZ_SECONDS)' $(SHELL) $(top_srcdir)/tools/fuzz.sh $(FUZZ_TARGETS)
.PHONY: fuzz

EXTRA_DIST += tests/fuzz tools/fuzz.sh
