/* test_worker.c — the background thread shared by decoding and pixel
 * encoding: work runs off the loop's thread and is done on it, in order;
 * waiting work can be cancelled; freeing delivers everything exactly once. */
#include "config.h"

#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "loop.h"
#include "worker.h"

static pthread_mutex_t gate_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_cv = PTHREAD_COND_INITIALIZER;
static bool gate_open, holding;

struct item {
	struct mt_work work;
	int id;
	bool hold;              /* run waits until the gate opens */
	pthread_t ran_on;
	bool ran, done, cancelled;
	int run_order;
};
static int done_count, run_count;   /* run_count: only the worker's thread counts */
static pthread_t loop_thread;

static void
item_run(struct mt_work *work)
{
	struct item *it = (struct item *)work;
	if (it->hold) {
		pthread_mutex_lock(&gate_mu);
		holding = true;
		pthread_cond_broadcast(&gate_cv);
		while (!gate_open)
			pthread_cond_wait(&gate_cv, &gate_mu);
		pthread_mutex_unlock(&gate_mu);
	}
	it->ran_on = pthread_self();
	it->ran = true;
	it->run_order = ++run_count;
}

static void
item_done(struct mt_work *work, bool cancelled)
{
	struct item *it = (struct item *)work;
	assert_false(it->done);   /* exactly once */
	assert_true(pthread_equal(pthread_self(), loop_thread));
	it->done = true;
	it->cancelled = cancelled;
	done_count++;
}

static void
open_gate(void)
{
	pthread_mutex_lock(&gate_mu);
	gate_open = true;
	pthread_cond_broadcast(&gate_cv);
	pthread_mutex_unlock(&gate_mu);
}

static void
setup_items(struct item *items, int n)
{
	for (int i = 0; i < n; i++) {
		items[i] = (struct item){ .id = i };
		items[i].work.run = item_run;
		items[i].work.done = item_done;
	}
	done_count = run_count = 0;
	gate_open = holding = false;
	loop_thread = pthread_self();
}

static bool
odd_ids(const struct mt_work *work, void *arg)
{
	(void)arg;
	return ((const struct item *)work)->id % 2 == 1;
}

static void
test_runs_off_the_loop_and_cancels_waiting_work(void **state)
{
	(void)state;
	struct item it[5];
	setup_items(it, 5);
	it[0].hold = true;   /* keeps the others waiting, so cancelling is certain */
	struct mt_loop *loop = mt_loop_new();
	struct mt_worker *w = mt_worker_new(loop);
	for (int i = 0; i < 5; i++)
		assert_int_equal(mt_worker_add(w, &it[i].work), 0);
	mt_worker_cancel_if(w, odd_ids, NULL);
	open_gate();
	for (int i = 0; i < 500 && done_count < 5; i++)
		mt_loop_run_once(loop, 20);
	assert_int_equal(done_count, 5);
	for (int i = 0; i < 5; i++) {
		assert_true(it[i].done);
		assert_int_equal(it[i].cancelled, i % 2 == 1);
		assert_int_equal(it[i].ran, i % 2 == 0);   /* cancelled work never runs */
		if (it[i].ran)
			assert_false(pthread_equal(it[i].ran_on, loop_thread));
	}
	/* what ran, ran oldest first */
	assert_int_equal(it[0].run_order, 1);
	assert_int_equal(it[2].run_order, 2);
	assert_int_equal(it[4].run_order, 3);
	mt_worker_free(w);
	mt_loop_free(loop);
}

static void
test_free_delivers_everything_once(void **state)
{
	(void)state;
	struct item it[3];
	setup_items(it, 3);
	it[0].hold = true;
	struct mt_loop *loop = mt_loop_new();
	struct mt_worker *w = mt_worker_new(loop);
	for (int i = 0; i < 3; i++)
		assert_int_equal(mt_worker_add(w, &it[i].work), 0);
	/* freed once the first runs: it finishes and is done; each of the others
	 * is done once, as cancelled unless the thread got to it first */
	pthread_mutex_lock(&gate_mu);
	while (!holding)
		pthread_cond_wait(&gate_cv, &gate_mu);
	pthread_mutex_unlock(&gate_mu);
	open_gate();
	mt_worker_free(w);
	assert_int_equal(done_count, 3);
	assert_true(it[0].ran);
	for (int i = 0; i < 3; i++) {
		assert_true(it[i].done);
		assert_int_equal(it[i].cancelled, !it[i].ran);
	}
	mt_loop_free(loop);
}

static void
test_a_worker_never_used(void **state)
{
	(void)state;
	struct mt_loop *loop = mt_loop_new();
	mt_worker_free(mt_worker_new(loop));   /* no thread was ever started */
	mt_worker_free(NULL);
	mt_loop_free(loop);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_runs_off_the_loop_and_cancels_waiting_work),
		cmocka_unit_test(test_free_delivers_everything_once),
		cmocka_unit_test(test_a_worker_never_used),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
