## tests/unit/local.mk — cmocka unit tests of src/core (included by Makefile.am).
## Each test binary: add it to unit_tests and give it SOURCES/CFLAGS/LDADD.

unit_tests += tests/unit/test_cmdline
tests_unit_test_cmdline_SOURCES = tests/unit/test_cmdline.c
tests_unit_test_cmdline_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_cmdline_LDADD = $(UNIT_LDADD)

