#!/bin/sh
# matrix-clearcms.t — the fault matrix (matrix.sh) for clearcms.
FQ_DIALECT=clearcms
. "${top_srcdir:-.}/tests/integration/matrix.sh"
