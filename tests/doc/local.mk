## tests/doc/local.mk — the documentation, the completions and the
## installation against the program (included by Makefile.am). The .t
## scripts print TAP; the .py files hold the checks that parse groff and C.
doc_tests = \
	tests/doc/man-lint.t \
	tests/doc/options.t \
	tests/doc/keys.t \
	tests/doc/settings.t \
	tests/doc/complete-bash.t \
	tests/doc/complete-zsh.t \
	tests/doc/install.t \
	tests/doc/layers.t \
	tests/doc/private.t \
	tests/doc/hacking.t \
	tests/doc/sizes.t \
	tests/doc/calls.t
TESTS += $(doc_tests)
EXTRA_DIST += $(doc_tests) \
	tests/doc/docparse.py tests/doc/keys.py tests/doc/options.py tests/doc/settings.py \
	tools/distcheck.sh
