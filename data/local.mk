## data/local.mk — shell completions (included by Makefile.am).
## The bash script is named after the command, as bash-completion loads it
## on demand by that name; the zsh one is _mediatui, for a directory on $fpath.
if INSTALL_BASH_COMPLETION
dist_bashcompletion_DATA = data/completions/mediatui
endif
if INSTALL_ZSH_COMPLETION
dist_zshcompletion_DATA = data/completions/_mediatui
endif
EXTRA_DIST += data/completions/mediatui data/completions/_mediatui
