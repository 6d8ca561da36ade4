#!/bin/sh
# matrix-direct.t — the fault matrix (matrix.sh) for direct.
FQ_DIALECT=direct
. "${top_srcdir:-.}/tests/integration/matrix.sh"
