#!/bin/sh
# matrix-adclear.t — the fault matrix (matrix.sh) for adclear.
FQ_DIALECT=adclear
. "${top_srcdir:-.}/tests/integration/matrix.sh"
