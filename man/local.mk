## man/local.mk — the manual pages (included by Makefile.am).
## mediatui.1 is listed in Makefile.am; the configuration file's page here.
dist_man_MANS += man/mediatui.conf.5
