#!/bin/sh
# matrix-flare.t — the fault matrix (matrix.sh) for flare.
FQ_DIALECT=flare
. "${top_srcdir:-.}/tests/integration/matrix.sh"
