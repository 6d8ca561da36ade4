#!/bin/sh
# matrix-clarife.t — the fault matrix (matrix.sh) for clarife.
FQ_DIALECT=clarife
. "${top_srcdir:-.}/tests/integration/matrix.sh"
