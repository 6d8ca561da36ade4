/* delay-relay.c — a TCP relay on loopback that makes every connection look
 * like a link with a fixed one-way delay, for the benchmarks.
 *
 *   delay-relay [-d MS] [-w BYTES] LISTEN=TARGET...
 *
 * LISTEN and TARGET are IPv4 HOST:PORT (LISTEN port 0: any free port). On
 * start it prints one line per LISTEN, the address it is bound to, on stdout;
 * on SIGTERM or SIGINT it prints "connections N" per LISTEN and exits.
 *
 * Each chunk read from one side is written to the other side MS milliseconds
 * after it arrived (never sooner), in order; chunks wait in a queue per
 * direction, so a slow chunk never holds back the reading of later ones and
 * the throughput of a connection is not bounded by the delay, only by the
 * window: at most BYTES (default 32 MiB) in flight per direction, as a TCP
 * window would allow. A half close (FIN) is delayed like data. Setting up a
 * connection costs one round trip as on a real link: what the client sends
 * in its first 2 x MS counts as sent at 2 x MS. Only data is delayed, not the
 * kernel's acknowledgements; there is no loss and no bandwidth limit. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#define READ_MAX (256 * 1024)
#define MAX_MAPS 16
#define IOV_BATCH 64

struct chunk {
	struct chunk *next;
	int64_t due;         /* ns, CLOCK_MONOTONIC */
	size_t len, off;
	int eof;             /* forwards a half close instead of bytes */
	char data[];
};

/* one direction: bytes read from `from`, written to `to` */
struct dir {
	struct chunk *head, *tail;
	size_t queued;       /* bytes in the queue */
	int read_eof;        /* `from` said end of stream */
	int write_blocked;   /* `to` answered EAGAIN: wait for EPOLLOUT */
	int done;            /* the half close has been forwarded */
};

struct conn;

/* what epoll hands back: a listening socket or one side of a connection */
struct tag {
	struct map *map;
	struct conn *conn;
	int side;
};

struct conn {
	struct conn *next, *prev;
	int fd[2];           /* 0: the client, 1: the target */
	uint32_t ev[2];      /* epoll interest now registered */
	struct tag tag[2];
	int connecting;      /* fd[1]'s connect() not finished yet */
	int dead;            /* closed; freed at the end of the turn */
	int64_t open_at;     /* when the client's data may count as sent */
	struct dir d[2];     /* 0: client to target, 1: target to client */
};

struct map {
	int lfd;
	struct sockaddr_in target;
	long accepted;
	struct tag tag;
};

static int64_t delay_ns;
static size_t window = 32u << 20;
static int ep;
static struct conn *conns, *graveyard;
static struct map maps[MAX_MAPS];
static int nmaps;
static volatile sig_atomic_t stop;
static char rbuf[READ_MAX];

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static int64_t
now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void
die(const char *what)
{
	perror(what);
	exit(1);
}

static int
parse_addr(const char *s, struct sockaddr_in *a)
{
	char host[64];
	const char *colon = strrchr(s, ':');
	if (colon == NULL || (size_t)(colon - s) >= sizeof host)
		return -1;
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = '\0';
	char *end;
	long port = strtol(colon + 1, &end, 10);
	if (*end || port < 0 || port > 65535)
		return -1;
	memset(a, 0, sizeof *a);
	a->sin_family = AF_INET;
	a->sin_port = htons((uint16_t)port);
	return inet_pton(AF_INET, host, &a->sin_addr) == 1 ? 0 : -1;
}

static void
no_delay(int fd)
{
	int one = 1;
	/* the relay forwards what it read as it read it: Nagle would add delay */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

/* Closes both sides now; the memory goes at the end of the turn, since
 * events already fetched may still point at its tags. */
static void
conn_kill(struct conn *c)
{
	if (c->dead)
		return;
	c->dead = 1;
	for (int s = 0; s < 2; s++) {
		struct epoll_event e;
		epoll_ctl(ep, EPOLL_CTL_DEL, c->fd[s], &e);
		close(c->fd[s]);
		for (struct chunk *k = c->d[s].head, *n; k; k = n) {
			n = k->next;
			free(k);
		}
		c->d[s].head = c->d[s].tail = NULL;
	}
	if (c->prev)
		c->prev->next = c->next;
	else
		conns = c->next;
	if (c->next)
		c->next->prev = c->prev;
	c->next = graveyard;
	graveyard = c;
}

/* Registers what side s must wait for now: readable while its direction has
 * room and no end of stream; writable while data due for it is blocked. */
static void
update_interest(struct conn *c, int s)
{
	uint32_t want = 0;
	const struct dir *rd = &c->d[s];            /* read from side s */
	const struct dir *wd = &c->d[1 - s];        /* written to side s */
	if (!rd->read_eof && rd->queued < window && !(s == 0 && c->connecting))
		want |= EPOLLIN;
	if (wd->write_blocked || (s == 1 && c->connecting))
		want |= EPOLLOUT;
	if (want == c->ev[s])
		return;
	struct epoll_event e = { .events = want, .data.ptr = &c->tag[s] };
	if (epoll_ctl(ep, EPOLL_CTL_MOD, c->fd[s], &e) < 0)
		die("epoll_ctl");
	c->ev[s] = want;
}

static void
enqueue(struct dir *d, const char *buf, size_t n, int eof, int64_t due)
{
	struct chunk *k = malloc(sizeof *k + n);
	if (k == NULL)
		die("malloc");
	k->next = NULL;
	k->due = due;
	k->len = n;
	k->off = 0;
	k->eof = eof;
	memcpy(k->data, buf, n);
	if (d->tail)
		d->tail->next = k;
	else
		d->head = k;
	d->tail = k;
	d->queued += n;
}

/* Reads what side s has; -1 when the connection is to be dropped */
static int
pull(struct conn *c, int s, int64_t now)
{
	struct dir *d = &c->d[s];
	int64_t sent = now;
	if (s == 0 && sent < c->open_at)
		sent = c->open_at;
	while (!d->read_eof && d->queued < window) {
		ssize_t r = read(c->fd[s], rbuf, sizeof rbuf);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return errno == EAGAIN ? 0 : -1;
		}
		if (r == 0) {
			d->read_eof = 1;
			enqueue(d, "", 0, 1, sent + delay_ns);
			return 0;
		}
		enqueue(d, rbuf, (size_t)r, 0, sent + delay_ns);
		if ((size_t)r < sizeof rbuf)
			return 0;
	}
	return 0;
}

static void
drop_head(struct dir *d)
{
	struct chunk *k = d->head;
	d->head = k->next;
	if (d->head == NULL)
		d->tail = NULL;
	free(k);
}

/* Writes the chunks of direction s that are due; -1 to drop */
static int
push(struct conn *c, int s, int64_t now)
{
	struct dir *d = &c->d[s];
	int to = c->fd[1 - s];
	if (d->write_blocked || c->connecting)
		return 0;
	while (d->head && d->head->due <= now) {
		if (d->head->eof) {
			drop_head(d);
			shutdown(to, SHUT_WR);
			d->done = 1;
			continue;
		}
		struct iovec iov[IOV_BATCH];
		int n = 0;
		for (struct chunk *k = d->head; k && n < IOV_BATCH && !k->eof && k->due <= now; k = k->next) {
			iov[n].iov_base = k->data + k->off;
			iov[n].iov_len = k->len - k->off;
			n++;
		}
		ssize_t w = writev(to, iov, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN) {
				d->write_blocked = 1;
				return 0;
			}
			return -1;
		}
		d->queued -= (size_t)w;
		while (w > 0) {
			struct chunk *k = d->head;
			size_t left = k->len - k->off;
			if ((size_t)w < left) {
				k->off += (size_t)w;
				break;
			}
			w -= (ssize_t)left;
			drop_head(d);
		}
	}
	return 0;
}

/* After anything happened on c: forward what is due, close when both halves
 * are done, register what to wait for */
static void
settle(struct conn *c, int64_t now)
{
	if (push(c, 0, now) < 0 || push(c, 1, now) < 0 || (c->d[0].done && c->d[1].done)) {
		conn_kill(c);
		return;
	}
	update_interest(c, 0);
	update_interest(c, 1);
}

static void
accept_on(struct map *m, int64_t now)
{
	for (;;) {
		int cfd = accept4(m->lfd, NULL, NULL, SOCK_NONBLOCK);
		if (cfd < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			return;
		}
		m->accepted++;
		int tfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		if (tfd < 0) {
			close(cfd);
			continue;
		}
		no_delay(cfd);
		no_delay(tfd);
		if (connect(tfd, (struct sockaddr *)&m->target, sizeof m->target) < 0 && errno != EINPROGRESS) {
			close(cfd);
			close(tfd);
			continue;
		}
		struct conn *c = calloc(1, sizeof *c);
		if (c == NULL)
			die("calloc");
		c->fd[0] = cfd;
		c->fd[1] = tfd;
		c->open_at = now + 2 * delay_ns;
		c->connecting = 1;
		c->ev[1] = EPOLLOUT;
		for (int s = 0; s < 2; s++) {
			c->tag[s].conn = c;
			c->tag[s].side = s;
			struct epoll_event e = { .events = c->ev[s], .data.ptr = &c->tag[s] };
			if (epoll_ctl(ep, EPOLL_CTL_ADD, c->fd[s], &e) < 0)
				die("epoll_ctl");
		}
		c->next = conns;
		if (conns)
			conns->prev = c;
		conns = c;
	}
}

static void
on_event(struct tag *t, uint32_t events, int64_t now)
{
	if (t->map) {
		accept_on(t->map, now);
		return;
	}
	struct conn *c = t->conn;
	int s = t->side;
	if (c->dead)
		return;
	if (s == 1 && c->connecting) {
		int err = 0;
		socklen_t el = sizeof err;
		getsockopt(c->fd[1], SOL_SOCKET, SO_ERROR, &err, &el);
		if (err) {
			conn_kill(c);
			return;
		}
		c->connecting = 0;
	} else if (events & EPOLLOUT) {
		c->d[1 - s].write_blocked = 0;
	}
	if ((events & (EPOLLIN | EPOLLHUP | EPOLLERR)) && pull(c, s, now) < 0) {
		conn_kill(c);
		return;
	}
	settle(c, now);
}

int
main(int argc, char **argv)
{
	int opt;
	double ms = 0;
	while ((opt = getopt(argc, argv, "d:w:")) != -1) {
		if (opt == 'd')
			ms = atof(optarg);
		else if (opt == 'w')
			window = (size_t)strtoull(optarg, NULL, 10);
		else
			goto usage;
	}
	if (optind >= argc || argc - optind > MAX_MAPS || ms < 0 || window == 0)
		goto usage;
	delay_ns = (int64_t)(ms * 1e6);
	signal(SIGPIPE, SIG_IGN);
	struct sigaction sa = { .sa_handler = on_signal };   /* no SA_RESTART: wake the wait */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	ep = epoll_create1(0);
	if (ep < 0)
		die("epoll_create1");
	for (int i = optind; i < argc; i++) {
		struct map *m = &maps[nmaps++];
		char *eq = strchr(argv[i], '=');
		struct sockaddr_in la;
		if (eq == NULL)
			goto usage;
		*eq = '\0';
		if (parse_addr(argv[i], &la) < 0 || parse_addr(eq + 1, &m->target) < 0)
			goto usage;
		m->lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		int one = 1;
		if (m->lfd < 0 || setsockopt(m->lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
		    bind(m->lfd, (struct sockaddr *)&la, sizeof la) < 0 || listen(m->lfd, 512) < 0)
			die(argv[i]);
		socklen_t sl = sizeof la;
		getsockname(m->lfd, (struct sockaddr *)&la, &sl);
		char host[INET_ADDRSTRLEN];
		printf("%s:%u\n", inet_ntop(AF_INET, &la.sin_addr, host, sizeof host), ntohs(la.sin_port));
		m->tag.map = m;
		struct epoll_event e = { .events = EPOLLIN, .data.ptr = &m->tag };
		if (epoll_ctl(ep, EPOLL_CTL_ADD, m->lfd, &e) < 0)
			die("epoll_ctl");
	}
	fflush(stdout);

	struct epoll_event evs[256];
	while (!stop) {
		/* forward what has come due, and find when the next chunk is */
		int64_t now = now_ns(), next = -1;
		for (struct conn *c = conns, *n; c; c = n) {
			n = c->next;
			settle(c, now);
			if (c->dead)
				continue;
			for (int s = 0; s < 2; s++) {
				const struct dir *d = &c->d[s];
				if (d->head && !d->write_blocked && !c->connecting && (next < 0 || d->head->due < next))
					next = d->head->due;
			}
		}
		struct timespec ts, *tsp = NULL;
		if (next >= 0) {
			int64_t wait = next - now_ns();
			if (wait < 0)
				wait = 0;
			ts.tv_sec = wait / 1000000000;
			ts.tv_nsec = wait % 1000000000;
			tsp = &ts;
		}
		int ne = epoll_pwait2(ep, evs, 256, tsp, NULL);
		if (ne < 0 && errno != EINTR)
			die("epoll_pwait2");
		now = now_ns();
		for (int i = 0; i < ne; i++)
			on_event(evs[i].data.ptr, evs[i].events, now);
		while (graveyard) {
			struct conn *c = graveyard;
			graveyard = c->next;
			free(c);
		}
	}
	for (int i = 0; i < nmaps; i++)
		printf("connections %ld\n", maps[i].accepted);
	fflush(stdout);
	return 0;
usage:
	fprintf(stderr, "usage: delay-relay [-d MS] [-w BYTES] LISTEN=TARGET...\n");
	return 2;
}
