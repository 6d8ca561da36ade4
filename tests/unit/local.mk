## tests/unit/local.mk — cmocka unit tests of src/core (included by Makefile.am).
## Each test binary: add it to unit_tests and give it SOURCES/CFLAGS/LDADD.

unit_tests += tests/unit/test_cmdline
tests_unit_test_cmdline_SOURCES = tests/unit/test_cmdline.c
tests_unit_test_cmdline_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_cmdline_LDADD = $(UNIT_LDADD)


unit_tests += tests/unit/test_config
tests_unit_test_config_SOURCES = tests/unit/test_config.c
tests_unit_test_config_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_config_LDADD = $(UNIT_LDADD)

unit_tests += tests/unit/test_text
tests_unit_test_text_SOURCES = tests/unit/test_text.c
tests_unit_test_text_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_text_LDADD = $(UNIT_LDADD)

unit_tests += tests/unit/test_responses
tests_unit_test_responses_SOURCES = tests/unit/test_responses.c
tests_unit_test_responses_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_responses_LDADD = $(UNIT_LDADD)

unit_tests += tests/unit/test_retry
tests_unit_test_retry_SOURCES = tests/unit/test_retry.c
tests_unit_test_retry_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_retry_LDADD = $(UNIT_LDADD)

unit_tests += tests/unit/test_digest
tests_unit_test_digest_SOURCES = tests/unit/test_digest.c
tests_unit_test_digest_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_digest_LDADD = $(UNIT_LDADD)

unit_tests += tests/unit/test_library
tests_unit_test_library_SOURCES = tests/unit/test_library.c
tests_unit_test_library_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_library_LDADD = $(UNIT_LDADD)

unit_tests += tests/unit/test_crop
tests_unit_test_crop_SOURCES = tests/unit/test_crop.c
tests_unit_test_crop_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_crop_LDADD = $(UNIT_LDADD) -lm

if HAVE_PREVIEW
unit_tests += tests/unit/test_image
tests_unit_test_image_SOURCES = tests/unit/test_image.c
tests_unit_test_image_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_image_LDADD = $(UNIT_LDADD)

unit_tests += tests/unit/test_pixels
tests_unit_test_pixels_SOURCES = tests/unit/test_pixels.c
tests_unit_test_pixels_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_pixels_LDADD = $(UNIT_LDADD)
endif

unit_tests += tests/unit/test_l10n
tests_unit_test_l10n_SOURCES = tests/unit/test_l10n.c
tests_unit_test_l10n_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_l10n_LDADD = $(UNIT_LDADD)

unit_tests += tests/unit/test_answers
tests_unit_test_answers_SOURCES = tests/unit/test_answers.c
tests_unit_test_answers_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_answers_LDADD = $(UNIT_LDADD)

unit_tests += tests/unit/test_regressions
tests_unit_test_regressions_SOURCES = tests/unit/test_regressions.c
tests_unit_test_regressions_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_regressions_LDADD = $(UNIT_LDADD)

unit_tests += tests/unit/test_termquery
tests_unit_test_termquery_SOURCES = tests/unit/test_termquery.c
tests_unit_test_termquery_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_termquery_LDADD = $(UNIT_LDADD) -lpthread

unit_tests += tests/unit/test_rate
tests_unit_test_rate_SOURCES = tests/unit/test_rate.c
tests_unit_test_rate_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_rate_LDADD = $(UNIT_LDADD)

unit_tests += tests/unit/test_worker
tests_unit_test_worker_SOURCES = tests/unit/test_worker.c
tests_unit_test_worker_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_worker_LDADD = $(UNIT_LDADD) -lpthread

unit_tests += tests/unit/test_ops
tests_unit_test_ops_SOURCES = tests/unit/test_ops.c
tests_unit_test_ops_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_ops_LDADD = $(UNIT_LDADD)

unit_tests += tests/unit/test_upload_sm
tests_unit_test_upload_sm_SOURCES = tests/unit/test_upload_sm.c tests/unit/upload_fake.c \
	tests/unit/upload_fake.h
tests_unit_test_upload_sm_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_upload_sm_LDADD = $(UNIT_LDADD)
unit_tests += tests/unit/test_upload_lookup
tests_unit_test_upload_lookup_SOURCES = tests/unit/test_upload_lookup.c tests/unit/upload_fake.c \
	tests/unit/upload_fake.h
tests_unit_test_upload_lookup_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_upload_lookup_LDADD = $(UNIT_LDADD)

unit_tests += tests/unit/test_upload_retry
tests_unit_test_upload_retry_SOURCES = tests/unit/test_upload_retry.c tests/unit/upload_fake.c \
	tests/unit/upload_fake.h
tests_unit_test_upload_retry_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_upload_retry_LDADD = $(UNIT_LDADD)
unit_tests += tests/unit/test_upload_tally
tests_unit_test_upload_tally_SOURCES = tests/unit/test_upload_tally.c tests/unit/upload_fake.c \
	tests/unit/upload_fake.h
tests_unit_test_upload_tally_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_upload_tally_LDADD = $(UNIT_LDADD)

unit_tests += tests/unit/test_phash
tests_unit_test_phash_SOURCES = tests/unit/test_phash.c
tests_unit_test_phash_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_phash_LDADD = $(UNIT_LDADD)

unit_tests += tests/unit/test_neardup
tests_unit_test_neardup_SOURCES = tests/unit/test_neardup.c
tests_unit_test_neardup_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_neardup_LDADD = $(UNIT_LDADD)

unit_tests += tests/unit/test_fpcache
tests_unit_test_fpcache_SOURCES = tests/unit/test_fpcache.c
tests_unit_test_fpcache_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_fpcache_LDADD = $(UNIT_LDADD)

unit_tests += tests/unit/test_audit_content
tests_unit_test_audit_content_SOURCES = tests/unit/test_audit_content.c
tests_unit_test_audit_content_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_audit_content_LDADD = $(UNIT_LDADD)

unit_tests += tests/unit/test_localdir
tests_unit_test_localdir_SOURCES = tests/unit/test_localdir.c
tests_unit_test_localdir_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_localdir_LDADD = $(UNIT_LDADD)

unit_tests += tests/unit/test_drafts
tests_unit_test_drafts_SOURCES = tests/unit/test_drafts.c
tests_unit_test_drafts_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_drafts_LDADD = $(UNIT_LDADD)
tests_unit_test_drafts_LDFLAGS = -Wl,--wrap=fsync
unit_tests += tests/unit/test_place
tests_unit_test_place_SOURCES = tests/unit/test_place.c
tests_unit_test_place_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_place_LDADD = $(UNIT_LDADD)
unit_tests += tests/unit/test_history
tests_unit_test_history_SOURCES = tests/unit/test_history.c
tests_unit_test_history_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_history_LDADD = $(UNIT_LDADD)
unit_tests += tests/unit/test_jsonwrite
tests_unit_test_jsonwrite_SOURCES = tests/unit/test_jsonwrite.c src/cli/jsonwrite.c
tests_unit_test_jsonwrite_CPPFLAGS = $(CLI_CPPFLAGS)
tests_unit_test_jsonwrite_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_jsonwrite_LDADD = $(UNIT_LDADD)

unit_tests += tests/unit/test_auditset
tests_unit_test_auditset_SOURCES = tests/unit/test_auditset.c
tests_unit_test_auditset_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_auditset_LDADD = $(UNIT_LDADD)
